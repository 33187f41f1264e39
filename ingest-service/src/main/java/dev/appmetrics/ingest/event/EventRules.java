package dev.appmetrics.ingest.event;

import dev.appmetrics.ingest.config.IngestConfig;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** The checks every kind of event shares (metrics, spans, logs, errors): ids, times and attributes. */
public final class EventRules {

  private static final String ZERO_TRACE = "0".repeat(32);

  private EventRules() {}

  public static boolean isHex(String text, int length) {
    if (text.length() != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
        return false;
      }
    }
    return true;
  }

  /** A trace id is 32 hexadecimal characters, not all zero. */
  public static Optional<String> traceIdProblem(String traceId) {
    return traceId != null && isHex(traceId, 32) && !ZERO_TRACE.equals(traceId)
        ? Optional.empty()
        : Optional.of("trace_id must be 32 hexadecimal characters, not all zero");
  }

  /** A span id is 16 hexadecimal characters; empty or null means none. */
  public static Optional<String> spanIdProblem(String field, String spanId) {
    return spanId == null || spanId.isEmpty() || isHex(spanId, 16)
        ? Optional.empty()
        : Optional.of(field + " must be 16 hexadecimal characters");
  }

  /** A time lies inside what retention keeps and the tolerated clock skew. */
  public static Optional<String> timestampProblem(
      long timestampMillis, long now, IngestConfig.Limits limits) {
    return timestampProblem("timestamp", timestampMillis, now, limits);
  }

  /** The same rule for another time of an event, named in the reason (a span's end). */
  public static Optional<String> timestampProblem(
      String field, long timestampMillis, long now, IngestConfig.Limits limits) {
    if (timestampMillis < now - limits.maxAge().toMillis()) {
      return Optional.of(
          field + " is older than the retention of " + limits.maxAge().toDays() + " days");
    }
    if (timestampMillis > now + limits.maxFuture().toMillis()) {
      return Optional.of(
          field + " is more than " + limits.maxFuture().toMinutes() + " minutes in the future");
    }
    return Optional.empty();
  }

  /**
   * Epoch seconds as the sender wrote them (fractions allowed) in milliseconds, or null when not a finite number.
   * Beyond the range of a long the result saturates, so the timestamp rule refuses such a time with its reason
   * instead of an overflow failing the whole request.
   */
  public static Long secondsToMillis(double seconds) {
    return Double.isFinite(seconds) ? Math.round(seconds * 1000) : null;
  }

  /** An instant in epoch milliseconds, saturating the same way (ISO-8601 reaches the year 1,000,000,000). */
  public static long epochMillis(Instant instant) {
    try {
      return instant.toEpochMilli();
    } catch (ArithmeticException e) {
      return instant.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  /** The first attribute that breaks a limit: their number, empty or long keys, missing or long values, NaN. */
  public static Optional<String> attributeProblem(
      Attributes attributes, IngestConfig.Limits limits, int maxValueLength) {
    if (attributes.size() > limits.maxAttributes()) {
      return Optional.of(
          "has "
              + attributes.size()
              + " attributes, at most "
              + limits.maxAttributes()
              + " are allowed");
    }
    for (Map<String, ?> typed : attributes.byType()) {
      for (Map.Entry<String, ?> attribute : typed.entrySet()) {
        String key = attribute.getKey();
        if (key == null || key.isEmpty()) {
          return Optional.of("an attribute key is empty");
        }
        if (key.length() > limits.maxAttributeKeyLength()) {
          return Optional.of(
              "attribute key '"
                  + key.substring(0, Math.min(32, key.length()))
                  + "…' is longer than "
                  + limits.maxAttributeKeyLength()
                  + " characters");
        }
        Object value = attribute.getValue();
        if (value == null) {
          return Optional.of("attribute '" + key + "' has no value");
        }
        if (value instanceof Double d && !Double.isFinite(d)) {
          return Optional.of("attribute '" + key + "' must be a finite number, not " + d);
        }
        if (value instanceof String s && s.length() > maxValueLength) {
          return Optional.of(
              "attribute '" + key + "' is longer than " + maxValueLength + " characters");
        }
      }
    }
    return Optional.empty();
  }
}
