package dev.appmetrics.dashboard.token;

import dev.appmetrics.common.auth.Grants.TokenGrant;
import dev.appmetrics.common.auth.Scope;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** An organization's API token, known only by its SHA-256 and a short prefix people recognise it by. */
@Entity
@Table(name = "api_token")
public class ApiToken extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "organization_id")
  public long organizationId;

  public String name;

  @Column(name = "token_hash")
  public String tokenHash;

  @Column(name = "token_prefix")
  public String tokenPrefix;

  /** Comma-separated wire names, as stored. */
  public String scopes;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "revoked_at")
  public Instant revokedAt;

  public Set<Scope> scopeSet() {
    EnumSet<Scope> set = EnumSet.noneOf(Scope.class);
    Arrays.stream(scopes.split(",")).map(Scope::fromWireName).forEach(set::add);
    return set;
  }

  void setScopes(Set<Scope> scopeSet) {
    scopes =
        EnumSet.copyOf(scopeSet).stream().map(Scope::wireName).collect(Collectors.joining(","));
  }

  public TokenGrant grant() {
    return new TokenGrant(tokenHash, id, organizationId, scopeSet(), revokedAt == null, name);
  }

  public TokenResponse toResponse() {
    return new TokenResponse(
        id, organizationId, name, tokenPrefix, scopeSet(), createdAt, revokedAt);
  }
}
