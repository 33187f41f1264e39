package dev.appmetrics.ingest.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appmetrics.ingest.auth.IngestCaller;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The token bucket with a hand-moved clock. */
class ProjectRateLimiterTests {

  private final AtomicLong nanos = new AtomicLong();
  private final ProjectRateLimiter limiter = new ProjectRateLimiter(100, nanos::get);

  @Test
  void letsOneSecondOfEventsThroughThenRefusesWithRetryAfter() {
    IngestCaller caller = new IngestCaller(1, 1, 10);
    assertTrue(limiter.acquire(caller, 10).isEmpty());
    assertEquals(OptionalLong.of(1), limiter.acquire(caller, 1));
    nanos.addAndGet(500_000_000L);
    assertTrue(limiter.acquire(caller, 5).isEmpty(), "half a second refills half the budget");
    assertEquals(OptionalLong.of(1), limiter.acquire(caller, 1));
  }

  @Test
  void usesTheDefaultWhenTheKeyNamesNoLimitAndKeepsProjectsApart() {
    IngestCaller first = new IngestCaller(1, 1, 0);
    IngestCaller second = new IngestCaller(1, 2, 0);
    assertTrue(limiter.acquire(first, 100).isEmpty());
    assertTrue(limiter.acquire(first, 1).isPresent());
    assertTrue(limiter.acquire(second, 100).isEmpty());
  }

  @Test
  void aRequestLargerThanOneSecondPassesOnAFullBucketAndLeavesItInDebt() {
    IngestCaller caller = new IngestCaller(1, 3, 10);
    assertTrue(limiter.acquire(caller, 25).isEmpty());
    nanos.addAndGet(1_000_000_000L);
    // 10 - 25 + 10 = -5 tokens: 10 more are needed, one second at 10/s... plus the debt of 5:
    // ceil(15 / 10) = 2 s.
    assertEquals(OptionalLong.of(2), limiter.acquire(caller, 10));
  }
}
