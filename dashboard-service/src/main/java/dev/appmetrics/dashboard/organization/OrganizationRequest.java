package dev.appmetrics.dashboard.organization;

import dev.appmetrics.dashboard.naming.Slugs;

/** What a platform admin sends to create an organization. */
public record OrganizationRequest(String slug, String name) {

  public OrganizationRequest validated() {
    return new OrganizationRequest(Slugs.require(slug), Slugs.requireName(name));
  }
}
