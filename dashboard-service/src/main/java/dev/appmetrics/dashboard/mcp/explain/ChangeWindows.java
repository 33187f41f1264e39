package dev.appmetrics.dashboard.mcp.explain;

import dev.appmetrics.dashboard.mcp.tool.ToolFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The window and its baseline, both aligned to one bucket width. query-service widens a range to whole buckets, so
 * aligning here makes the buckets it answers cover exactly the windows compared; the width gives at most
 * {@value #MAX_BUCKETS} buckets per window, which the value of the whole window is combined from.
 */
record ChangeWindows(
    Instant start, Instant end, Instant baselineStart, Instant baselineEnd, Duration bucket) {

  static final int MAX_BUCKETS = 120;
  private static final List<Duration> BUCKETS =
      List.of(
          Duration.ofSeconds(10),
          Duration.ofSeconds(30),
          Duration.ofMinutes(1),
          Duration.ofMinutes(5),
          Duration.ofMinutes(10),
          Duration.ofMinutes(15),
          Duration.ofMinutes(30),
          Duration.ofHours(1),
          Duration.ofHours(3),
          Duration.ofHours(6),
          Duration.ofHours(12),
          Duration.ofDays(1));

  /** {@code baselineStart} null: the window's length right before it. */
  static ChangeWindows of(Instant start, Instant end, Instant baselineStart) {
    if (!start.isBefore(end)) {
      throw new ToolFailure("The window's start must be before its end");
    }
    Duration length = Duration.between(start, end);
    Duration bucket =
        BUCKETS.stream()
            .filter(b -> length.toSeconds() / b.toSeconds() <= MAX_BUCKETS)
            .findFirst()
            .orElseThrow(
                () -> new ToolFailure("The window may be at most " + MAX_BUCKETS + " days long"));
    Instant alignedStart = floor(start, bucket);
    Instant alignedEnd = floor(end.plus(bucket).minusSeconds(1), bucket);
    Duration aligned = Duration.between(alignedStart, alignedEnd);
    Instant baseline =
        baselineStart == null ? alignedStart.minus(aligned) : floor(baselineStart, bucket);
    if (baseline.plus(aligned).isAfter(alignedStart)) {
      throw new ToolFailure("The baseline window must end before the window starts");
    }
    return new ChangeWindows(alignedStart, alignedEnd, baseline, baseline.plus(aligned), bucket);
  }

  Duration length() {
    return Duration.between(start, end);
  }

  String interval() {
    return bucket.toSeconds() + "s";
  }

  private static Instant floor(Instant instant, Duration bucket) {
    long seconds = bucket.toSeconds();
    return Instant.ofEpochSecond(Math.floorDiv(instant.getEpochSecond(), seconds) * seconds);
  }
}
