package dev.appmetrics.dashboard.project;

import dev.appmetrics.dashboard.naming.Slugs;

public record ProjectRequest(String slug, String name) {

  public ProjectRequest validated() {
    return new ProjectRequest(Slugs.require(slug), Slugs.requireName(name));
  }
}
