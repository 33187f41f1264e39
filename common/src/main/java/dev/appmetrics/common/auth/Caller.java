package dev.appmetrics.common.auth;

import dev.appmetrics.common.error.ApiException;
import java.util.Set;

/** Who is calling an API: an organization's token (its id and, when known, its name) and its scopes. */
public record Caller(long organizationId, long tokenId, String tokenName, Set<Scope> scopes) {

  /** 403 unless the resource belongs to the caller's organization. */
  public void requireOrganization(long resourceOrganizationId) {
    if (resourceOrganizationId != organizationId) {
      throw ApiException.forbidden("This resource belongs to another organization");
    }
  }

  public void requireScope(Scope scope) {
    if (!scopes.contains(scope) && !scopes.contains(Scope.ADMIN)) {
      throw ApiException.forbidden("The token lacks the '" + scope.wireName() + "' scope");
    }
  }
}
