package dev.appmetrics.monitor.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.appmetrics.monitor.definition.MonitorQuery;
import dev.appmetrics.monitor.definition.MonitorSpec;
import dev.appmetrics.monitor.detection.ChangeDetection;
import dev.appmetrics.monitor.detection.Detection;
import dev.appmetrics.monitor.detection.Direction;
import dev.appmetrics.monitor.detection.ThresholdDetection;
import dev.appmetrics.monitor.query.SamplesRequest;
import dev.appmetrics.monitor.query.TimeseriesRequest.Equation;
import dev.appmetrics.monitor.query.TimeseriesRequest.Query;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SampleQueryTests {

  private static final Instant START = Instant.parse("2026-11-25T10:00:00Z");
  private static final Instant END = Instant.parse("2026-11-25T10:05:00Z");

  private static MonitorSpec spec(
      List<Query> queries, List<Equation> equations, Detection detection) {
    return new MonitorSpec(
            "m",
            new MonitorQuery(List.of(7L), queries, equations, null, "1m", "5m"),
            detection,
            null,
            null,
            null,
            null)
        .validated();
  }

  private static Query query(String label, String aggregate, String filter) {
    return new Query(label, "checkout.latency", aggregate, filter, List.of("region"));
  }

  @Test
  void aHighPercentileShowsTheHighestValuesOfTheGroup() {
    SamplesRequest request =
        SampleQuery.of(
            spec(
                List.of(query("A", "p95", "route:/checkout")),
                null,
                new ThresholdDetection(Direction.ABOVE, null, 300.0, null)),
            Map.of("region", "eu"),
            START,
            END);
    assertEquals("-value", request.sort());
    assertEquals(3, request.limit());
    assertEquals("(route:/checkout) region:\"eu\"", request.filter());
    assertEquals("2026-11-25T10:00:00Z", request.start());
    assertEquals(List.of(7L), request.projects());
  }

  @Test
  void countsShowTheNewestAndDropsTheLowest() {
    assertEquals("-timestamp", SampleQuery.sort("count", Direction.ABOVE));
    assertEquals("-timestamp", SampleQuery.sort("per_minute", Direction.BELOW));
    assertEquals("value", SampleQuery.sort("min", Direction.BELOW));
    assertEquals("-value", SampleQuery.sort("max", Direction.BOTH));
  }

  @Test
  void anEquationShowsEventsOfTheFirstQueryItNames() {
    MonitorSpec spec =
        spec(
            List.of(query("A", "count", "value:<100"), query("B", "p95", null)),
            List.of(new Equation("f1", "B / 2")),
            new ChangeDetection(Direction.BELOW, null, -30.0, null, "1d"));
    assertEquals("B", SampleQuery.source(spec).label());
    assertEquals("value", SampleQuery.of(spec, Map.of(), START, END).sort());
  }

  @Test
  void groupValuesAreQuotedAndAnEmptyOneMeansWithoutTheAttribute() {
    assertEquals(
        "region:\"e\\\"u\\\\\" !has:route",
        SampleQuery.filter(null, Map.of("route", "", "region", "e\"u\\")));
    assertEquals("route:/a", SampleQuery.filter("route:/a", Map.of()));
    assertNull(SampleQuery.filter(" ", Map.of()));
  }
}
