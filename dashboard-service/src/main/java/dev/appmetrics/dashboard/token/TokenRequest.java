package dev.appmetrics.dashboard.token;

import dev.appmetrics.common.auth.Scope;
import dev.appmetrics.common.error.ApiException;
import dev.appmetrics.dashboard.naming.Slugs;
import java.util.Set;

/** A new token's name (for people) and scopes: any of ingest, read, write, admin. */
public record TokenRequest(String name, Set<Scope> scopes) {

  public TokenRequest validated() {
    if (scopes == null || scopes.isEmpty() || scopes.contains(null)) {
      throw ApiException.badRequest("scopes must name at least one of ingest, read, write, admin");
    }
    return new TokenRequest(Slugs.requireName(name), Set.copyOf(scopes));
  }
}
