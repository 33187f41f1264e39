package dev.appmetrics.ingest.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appmetrics.common.event.MetricKind;
import dev.appmetrics.ingest.event.MetricValidator.Names;
import dev.appmetrics.ingest.support.SmallLimits;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each rule of the validator on its own, with a fixed clock. */
class MetricValidatorTests {

  private static final long NOW = Instant.parse("2026-06-01T12:00:00Z").toEpochMilli();
  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

  private final MetricValidator validator =
      new MetricValidator(
          new SmallLimits(), Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));

  private static IncomingMetric metric(
      String name, Double value, Long timestamp, Attributes attributes) {
    return new IncomingMetric(name, "gauge", value, "ms", timestamp, TRACE, null, null, attributes);
  }

  private String reason(IncomingMetric metric, Names names) {
    Validated validated = validator.validate(List.of(metric), 1, 2, names);
    assertEquals(0, validated.events().size(), "expected a rejection");
    return validated.rejections().get(0).reason();
  }

  @Test
  void acceptedMetricBecomesTheCanonicalEventWithDefaults() {
    var event =
        validator
            .validate(
                List.of(
                    new IncomingMetric(
                        "a.b", "COUNTER", 2.0, null, null, TRACE.toUpperCase(), null, null, null)),
                7,
                8,
                Names.STRICT)
            .events()
            .get(0);
    assertEquals(7, event.organizationId());
    assertEquals(8, event.projectId());
    assertEquals(MetricKind.COUNTER, event.kind());
    assertEquals(NOW, event.timestampMillis(), "no timestamp means now");
    assertEquals(NOW, event.receivedAtMillis());
    assertEquals(1.0, event.clientSampleRate());
    assertEquals("", event.unit());
    assertEquals("", event.spanId());
    assertEquals(TRACE, event.traceId(), "ids are stored lower-case");
    assertEquals(Attributes.EMPTY, event.attributes());
  }

  @Test
  void normalisesNamesForSdksButRejectsThemOnTheNativeApi() {
    assertEquals(
        "http_requests_total",
        validator
            .validate(
                List.of(metric("http-requests/total", 1.0, null, null)), 1, 2, Names.NORMALIZE)
            .events()
            .get(0)
            .name());
    assertTrue(
        reason(metric("http-requests/total", 1.0, null, null), Names.STRICT)
            .contains("name must match"));
    assertTrue(
        reason(metric("_leading", 1.0, null, null), Names.NORMALIZE).contains("name must match"));
    assertTrue(
        reason(metric("n".repeat(21), 1.0, null, null), Names.STRICT).contains("longer than 20"));
    assertTrue(reason(metric(" ", 1.0, null, null), Names.STRICT).contains("name is missing"));
  }

  @Test
  void rejectsNonFiniteValues() {
    for (double value :
        new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
      assertTrue(reason(metric("m", value, null, null), Names.STRICT).contains("finite"));
    }
    assertTrue(reason(metric("m", null, null, null), Names.STRICT).contains("value is missing"));
  }

  @Test
  void boundsTimestampsByRetentionAndClockSkew() {
    long day = Duration.ofDays(1).toMillis();
    assertEquals(
        1,
        validator
            .validate(List.of(metric("m", 1.0, NOW - 29 * day, null)), 1, 2, Names.STRICT)
            .events()
            .size());
    assertTrue(
        reason(metric("m", 1.0, NOW - 31 * day, null), Names.STRICT)
            .contains("older than the retention of 30 days"));
    assertEquals(
        1,
        validator
            .validate(List.of(metric("m", 1.0, NOW + 59 * 60_000, null)), 1, 2, Names.STRICT)
            .events()
            .size());
    assertTrue(
        reason(metric("m", 1.0, NOW + 61 * 60_000, null), Names.STRICT)
            .contains("60 minutes in the future"));
  }

  @Test
  void limitsAttributeCountKeysValuesAndTheWholeMetric() {
    Attributes four =
        new Attributes(Map.of("a", "1", "b", "2"), Map.of("c", 3L), Map.of("d", 4.0), Map.of());
    assertTrue(
        reason(metric("m", 1.0, null, four), Names.STRICT).contains("4 attributes, at most 3"));
    Attributes longKey = new Attributes(Map.of("k".repeat(9), "v"), Map.of(), Map.of(), Map.of());
    assertTrue(reason(metric("m", 1.0, null, longKey), Names.STRICT).contains("longer than 8"));
    Attributes longValue =
        new Attributes(Map.of("k", "v".repeat(17)), Map.of(), Map.of(), Map.of());
    assertTrue(reason(metric("m", 1.0, null, longValue), Names.STRICT).contains("longer than 16"));
    Attributes nan = new Attributes(Map.of(), Map.of(), Map.of("d", Double.NaN), Map.of());
    assertTrue(reason(metric("m", 1.0, null, nan), Names.STRICT).contains("finite"));
    // 1 (name) + 2 (unit) + 3 × (8-byte key + 16-byte value) = 75 bytes > 60.
    Attributes big =
        new Attributes(
            Map.of(
                "k1234567", "v".repeat(16), "k2345678", "v".repeat(16), "k3456789", "v".repeat(16)),
            Map.of(),
            Map.of(),
            Map.of());
    assertTrue(reason(metric("m", 1.0, null, big), Names.STRICT).contains("75 bytes"));
  }

  @Test
  void checksKindUnitIdsAndSampleRate() {
    assertTrue(
        reason(
                new IncomingMetric("m", "histogram", 1.0, null, null, null, null, null, null),
                Names.STRICT)
            .contains("type must be"));
    assertTrue(
        reason(
                new IncomingMetric("m", "gauge", 1.0, "a b", null, null, null, null, null),
                Names.STRICT)
            .contains("printable ASCII"));
    assertTrue(
        reason(
                new IncomingMetric("m", "gauge", 1.0, "u".repeat(11), null, null, null, null, null),
                Names.STRICT)
            .contains("longer than 10"));
    assertTrue(
        reason(
                new IncomingMetric("m", "gauge", 1.0, null, null, "0".repeat(32), null, null, null),
                Names.STRICT)
            .contains("not all zero"));
    assertTrue(
        reason(
                new IncomingMetric("m", "gauge", 1.0, null, null, TRACE, "xyz", null, null),
                Names.STRICT)
            .contains("span_id"));
    assertTrue(
        reason(
                new IncomingMetric("m", "gauge", 1.0, null, null, null, null, 1.5, null),
                Names.STRICT)
            .contains("client_sample_rate"));
    assertEquals(
        0.25,
        validator
            .validate(
                List.of(new IncomingMetric("m", "gauge", 1.0, null, null, null, null, 0.25, null)),
                1,
                2,
                Names.STRICT)
            .events()
            .get(0)
            .clientSampleRate());
  }

  @Test
  void reportsUnreadableItemsAtTheirIndexBesideValidOnes() {
    Validated validated =
        validator.validate(
            List.of(
                metric("ok", 1.0, null, null),
                IncomingMetric.unreadable("broken"),
                metric("ok", 2.0, null, null)),
            1,
            2,
            Names.STRICT);
    assertEquals(2, validated.events().size());
    assertEquals(List.of(new Rejection(1, "broken")), validated.rejections());
  }
}
