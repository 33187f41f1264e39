package dev.appmetrics.ingest.ratelimit;

import dev.appmetrics.ingest.auth.IngestCaller;
import dev.appmetrics.ingest.config.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Events per second per project, as a token bucket holding at most one second of events: a request either fits
 * whole or is refused whole (as Sentry does), and a refusal says when enough tokens will be back.
 */
@ApplicationScoped
public class ProjectRateLimiter {

  private final Map<Long, Bucket> buckets = new ConcurrentHashMap<>();
  private final int defaultPerSecond;
  private final LongSupplier nanoTime;

  @Inject
  public ProjectRateLimiter(IngestConfig config) {
    this(config.defaultRateLimitPerSecond(), System::nanoTime);
  }

  ProjectRateLimiter(int defaultPerSecond, LongSupplier nanoTime) {
    this.defaultPerSecond = defaultPerSecond;
    this.nanoTime = nanoTime;
  }

  /** Empty when the events may pass; otherwise the whole seconds to wait before retrying (at least 1). */
  public OptionalLong acquire(IngestCaller caller, int events) {
    int perSecond =
        caller.rateLimitPerSecond() > 0 ? caller.rateLimitPerSecond() : defaultPerSecond;
    Bucket bucket =
        buckets.computeIfAbsent(caller.projectId(), id -> new Bucket(nanoTime.getAsLong()));
    return bucket.take(events, perSecond, nanoTime.getAsLong());
  }

  private static final class Bucket {
    private double tokens = Double.NaN;
    private long lastNanos;

    Bucket(long now) {
      this.lastNanos = now;
    }

    /** A request larger than one second's budget passes on a full bucket and leaves it in debt. */
    synchronized OptionalLong take(int events, int perSecond, long now) {
      if (Double.isNaN(tokens)) {
        tokens = perSecond;
      }
      tokens = Math.min(perSecond, tokens + (now - lastNanos) / 1e9 * perSecond);
      lastNanos = now;
      if (Math.min(events, perSecond) <= tokens) {
        tokens -= events;
        return OptionalLong.empty();
      }
      double missing = Math.min(events, perSecond) - tokens;
      return OptionalLong.of(Math.max(1, (long) Math.ceil(missing / perSecond)));
    }
  }
}
