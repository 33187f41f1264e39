package dev.appmetrics.dashboard.organization;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A tenant: everything else belongs to exactly one organization. */
@Entity
@Table(name = "organization")
public class Organization extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  public String slug;

  public String name;

  @Column(name = "created_at")
  public Instant createdAt;

  public OrganizationResponse toResponse() {
    return new OrganizationResponse(id, slug, name, createdAt);
  }
}
