package dev.appmetrics.dashboard.organization;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class OrganizationRepository implements PanacheRepository<Organization> {

  public Uni<Organization> findBySlug(String slug) {
    return find("slug", slug).firstResult();
  }

  public Uni<List<Organization>> page(int offset, int limit) {
    return findAll(Sort.by("id")).range(offset, offset + limit - 1).list();
  }
}
