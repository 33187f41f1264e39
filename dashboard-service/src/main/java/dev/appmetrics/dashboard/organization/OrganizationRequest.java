package dev.appmetrics.dashboard.organization;

/** What a platform admin sends to create an organization. */
public record OrganizationRequest(String slug, String name) {

  public OrganizationRequest validated() {
    return new OrganizationRequest(Slugs.require(slug), Slugs.requireName(name));
  }
}
