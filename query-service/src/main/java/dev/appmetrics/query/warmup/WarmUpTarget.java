package dev.appmetrics.query.warmup;

/**
 * What the warm-up's requests read: a project of an organization, a distribution metric of it and a string attribute
 * with one of its values. {@code known} says the project was already in the credential store, so the warm-up grants
 * and revokes only its token, never the project.
 */
record WarmUpTarget(
    long organization,
    long project,
    String metric,
    String attributeKey,
    String attributeValue,
    boolean known) {

  /** The fallback: project 0 of organization 0, which holds no events (project ids start at 1). */
  static final WarmUpTarget EMPTY = new WarmUpTarget(0, 0, "warm.up", "region", "eu", false);
}
