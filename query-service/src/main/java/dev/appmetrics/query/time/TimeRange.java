package dev.appmetrics.query.time;

import dev.appmetrics.common.error.ApiException;
import dev.appmetrics.common.time.ApiDuration;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** A half-open range [start, end) in Unix seconds, from absolute ISO-8601 instants or a period ending now. */
public record TimeRange(long start, long end) {

  /**
   * The instants a request may name. ClickHouse's DateTime counts seconds from 1970 in 32 bits, so a year like
   * 999999999 wrapped into negative timestamps; these bounds leave room for a range's previous period, its
   * alignment to buckets and a trace's margins without leaving 1970–2106.
   */
  public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

  public static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");

  /** The most digits a period or interval may have (9999999d is refused as too long, 99999999d as misspelled). */
  private static final int MAX_DIGITS = 7;

  public static TimeRange resolve(
      String start, String end, String period, Instant now, long maxSeconds) {
    boolean absolute = start != null || end != null;
    if (absolute == (period != null)) {
      throw ApiException.badRequest("period", "Give either 'start' and 'end' or 'period'");
    }
    TimeRange range;
    if (absolute) {
      if (start == null || end == null) {
        throw ApiException.badRequest(
            start == null ? "start" : "end", "'start' and 'end' go together");
      }
      range =
          new TimeRange(
              instant("start", start).getEpochSecond(), instant("end", end).getEpochSecond());
      if (range.end <= range.start) {
        throw ApiException.badRequest("end", "'end' must be after 'start'");
      }
    } else {
      range = new TimeRange(now.getEpochSecond() - seconds("period", period), now.getEpochSecond());
    }
    if (range.seconds() > maxSeconds) {
      throw ApiException.badRequest(
          absolute ? "end" : "period",
          (absolute ? "'start' to 'end'" : "'period'")
              + " is longer than "
              + maxSeconds / 86_400
              + " days");
    }
    return range;
  }

  /**
   * A duration like {@code 15m}, {@code 24h}, {@code 7d} in seconds; 400 naming the field otherwise. The spelling is
   * {@link ApiDuration}'s, narrowed to this API's rule for periods and intervals: a number of 1 to
   * {@value #MAX_DIGITS} digits without a leading zero, so zero is refused too.
   */
  public static long seconds(String field, String text) {
    return ApiDuration.parse(text)
        .filter(duration -> !text.startsWith("0") && text.length() <= MAX_DIGITS + 1)
        .map(Duration::toSeconds)
        .orElseThrow(
            () ->
                ApiException.badRequest(
                    field,
                    "'"
                        + field
                        + "' must be a whole number followed by s, m, h or d, like 15m or 24h"));
  }

  /** An ISO-8601 instant with an offset, between {@link #EARLIEST} and {@link #LATEST}; 400 naming the field. */
  public static Instant instant(String field, String text) {
    Instant instant;
    try {
      instant = OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(
          field, "'" + field + "' must be an ISO-8601 instant like 2026-11-25T10:00:00.250Z");
    }
    if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
      throw ApiException.badRequest(
          field, "'" + field + "' must be between " + EARLIEST + " and " + LATEST);
    }
    return instant;
  }

  public long seconds() {
    return end - start;
  }

  /** The same length of time just before this one. */
  public TimeRange previous() {
    return new TimeRange(start - seconds(), start);
  }

  /** Widened to whole buckets of the interval, which are aligned to multiples of it since the epoch. */
  public TimeRange alignedTo(long interval) {
    return new TimeRange(
        Math.floorDiv(start, interval) * interval,
        Math.floorDiv(end + interval - 1, interval) * interval);
  }
}
