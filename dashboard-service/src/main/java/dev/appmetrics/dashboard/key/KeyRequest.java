package dev.appmetrics.dashboard.key;

import dev.appmetrics.common.error.ApiException;
import dev.appmetrics.dashboard.naming.Slugs;

/** A new key's label and optional rate limit in events per second (absent or 0: the project's default). */
public record KeyRequest(String label, Integer rateLimitPerSecond) {

  public KeyRequest validated() {
    int limit = rateLimitPerSecond == null ? 0 : rateLimitPerSecond;
    if (limit < 0) {
      throw ApiException.badRequest(
          "rateLimitPerSecond must be 0 (the project's default) or positive");
    }
    return new KeyRequest(label == null ? "Default" : Slugs.requireName(label), limit);
  }
}
