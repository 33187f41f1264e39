package dev.appmetrics.dashboard.token;

import dev.appmetrics.common.auth.Scope;
import java.time.Instant;
import java.util.Set;

/** The one response that carries a token: the creation (or rotation) that made it. */
public record CreatedToken(
    long id,
    long organizationId,
    String name,
    String prefix,
    Set<Scope> scopes,
    Instant createdAt,
    String token) {

  static CreatedToken of(ApiToken saved, String token) {
    return new CreatedToken(
        saved.id,
        saved.organizationId,
        saved.name,
        saved.tokenPrefix,
        saved.scopeSet(),
        saved.createdAt,
        token);
  }
}
