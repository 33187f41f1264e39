package dev.appmetrics.monitor.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.appmetrics.common.error.ApiException;
import dev.appmetrics.common.error.ErrorResponse;
import dev.appmetrics.monitor.detection.ChangeDetection;
import dev.appmetrics.monitor.detection.CompositeDetection;
import dev.appmetrics.monitor.detection.Reduce;
import dev.appmetrics.monitor.detection.ThresholdDetection;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class MonitorSpecTests {

  /** Configured like Quarkus' own mapper: unknown properties are ignored. */
  private final ObjectMapper json =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /** What the Explorer holds for a chart, as "Save as monitor" posts it. */
  private static final String EXPLORER_QUERY =
      """
      {"projects": [12], "period": "24h", "interval": "1m", "window": "5m",
       "queries": [{"label": "A", "metric": "checkout.latency", "aggregate": "p95",
                    "filter": "route:/checkout", "groupBy": ["region"], "limit": 10, "order": "desc"}]}
      """;

  private MonitorSpec read(String detection, String extra) throws Exception {
    return json.readValue(
        "{\"name\": \"Checkout latency\", \"query\": "
            + EXPLORER_QUERY
            + ", \"detection\": "
            + detection
            + extra
            + "}",
        MonitorSpec.class);
  }

  @Test
  void acceptsTheExplorersQueryAndFillsDefaults() throws Exception {
    MonitorSpec spec =
        read("{\"type\": \"threshold\", \"direction\": \"above\", \"critical\": 500}", "")
            .validated();
    assertInstanceOf(ThresholdDetection.class, spec.detection());
    assertEquals("A", spec.query().watch());
    assertEquals(Duration.ofMinutes(5), spec.window());
    assertEquals(Duration.ofMinutes(1), spec.interval());
    assertEquals(Duration.ofMinutes(1), spec.every());
    assertEquals(Duration.ofMinutes(1), spec.delay());
    assertEquals(Reduce.AVG, spec.evaluation().reduce());
    assertEquals(1, spec.evaluation().consecutive());
    assertEquals(NoDataBehaviour.KEEP, spec.noData());
    assertEquals(true, spec.enabled());
  }

  @Test
  void roundTripsThroughJson() throws Exception {
    MonitorSpec spec =
        read(
                "{\"type\": \"anomaly\", \"sensitivity\": \"high\"}",
                ", \"noData\": \"alert\", \"channels\": [3]")
            .validated();
    assertEquals(spec, json.readValue(json.writeValueAsString(spec), MonitorSpec.class));
  }

  @Test
  void watchesTheLastEquationByDefault() throws Exception {
    MonitorSpec spec =
        json.readValue(
                """
        {"name": "ratio", "detection": {"type": "threshold", "direction": "below", "warning": 0.9},
         "query": {"projects": [1], "queries": [{"label": "A", "metric": "m", "aggregate": "sum"},
                                                 {"label": "B", "metric": "n", "aggregate": "sum"}],
                   "equations": [{"label": "ok_ratio", "expression": "A / B"}]}}
        """,
                MonitorSpec.class)
            .validated();
    assertEquals("ok_ratio", spec.query().watch());
  }

  @Test
  void severalQueriesWithoutEquationNeedAWatchLabel() throws Exception {
    MonitorSpec spec =
        json.readValue(
            """
        {"name": "two", "detection": {"type": "threshold", "direction": "above", "critical": 1},
         "query": {"projects": [1], "queries": [{"label": "A", "metric": "m", "aggregate": "sum"},
                                                 {"label": "B", "metric": "n", "aggregate": "sum"}]}}
        """,
            MonitorSpec.class);
    ApiException e = assertThrows(ApiException.class, spec::validated);
    assertEquals("query.watch is required when there are several queries", e.getMessage());
  }

  @Test
  void rejectsAWindowThatIsNotWholeBuckets() throws Exception {
    MonitorSpec spec =
        json.readValue(
            ("{\"name\": \"w\", \"detection\": {\"type\": \"threshold\", \"direction\":"
                + " \"above\", \"critical\": 1}, \"query\": {\"projects\": [1], \"interval\": \"2m\", \"window\": \"5m\","
                + " \"queries\": [{\"label\": \"A\", \"metric\": \"m\", \"aggregate\": \"sum\"}]}}"),
            MonitorSpec.class);
    assertEquals(
        "query.window must be a whole number of query.interval buckets",
        assertThrows(ApiException.class, spec::validated).getMessage());
  }

  private String refusal(String detection, String extra) throws Exception {
    MonitorSpec spec = read(detection, extra);
    return assertThrows(ApiException.class, spec::validated).getMessage();
  }

  private static final String THRESHOLD =
      "{\"type\": \"threshold\", \"direction\": \"above\", \"critical\": 1}";

  @Test
  void rejectsEvaluatingMoreOftenThanEveryTenSecondsOrLessThanDaily() throws Exception {
    assertEquals(
        "evaluation.every must be between 10s and 1d, not '5s'",
        refusal(THRESHOLD, ", \"evaluation\": {\"every\": \"5s\"}"));
    assertEquals(
        "evaluation.every must be between 10s and 1d, not '999999999d'",
        refusal(THRESHOLD, ", \"evaluation\": {\"every\": \"999999999d\"}"));
  }

  @Test
  void rejectsADelayLongerThanADay() throws Exception {
    assertEquals(
        "evaluation.delay must be between 0s and 1d, not '2d'",
        refusal(THRESHOLD, ", \"evaluation\": {\"delay\": \"2d\"}"));
  }

  @Test
  void rejectsConsecutiveOutsideOneToAHundred() throws Exception {
    assertEquals(
        "evaluation.consecutive must be between 1 and 100",
        refusal(THRESHOLD, ", \"evaluation\": {\"consecutive\": 101}"));
  }

  @Test
  void rejectsAWindowOrIntervalLongerThanThirtyDays() throws Exception {
    MonitorSpec spec =
        json.readValue(
            """
        {"name": "w", "detection": %s,
         "query": {"projects": [1], "window": "1000d", "queries": [{"label": "A", "metric": "m", "aggregate": "sum"}]}}
        """
                .formatted(THRESHOLD),
            MonitorSpec.class);
    // The interval defaults to the window, so both are named.
    assertEquals(
        List.of(
            new ErrorResponse.Detail(
                "query.window", "query.window must be between 10s and 30d, not '1000d'"),
            new ErrorResponse.Detail(
                "query.interval", "query.interval must be between 10s and 30d, not '1000d'")),
        assertThrows(ApiException.class, spec::validated).toResponse().details());
  }

  @Test
  void rejectsComparingWithMoreThanNinetyDaysAgo() throws Exception {
    assertEquals(
        "detection.comparedTo must be between 1s and 90d, not '100000d'",
        refusal(
            "{\"type\": \"change\", \"direction\": \"above\", \"critical\": 50, \"comparedTo\": \"100000d\"}",
            ""));
  }

  @Test
  void rejectsASeasonOutsideAnHourToAWeek() throws Exception {
    assertEquals(
        "detection.season must be between 1h and 7d, not '30d'",
        refusal("{\"type\": \"anomaly\", \"season\": \"30d\"}", ""));
  }

  /** 1e309 is valid JSON that Jackson reads as Infinity; "NaN" as a string is coerced to NaN. */
  @Test
  void rejectsLevelsThatAreNotFiniteNumbers() throws Exception {
    assertEquals(
        "detection.critical must be a finite number",
        refusal("{\"type\": \"threshold\", \"direction\": \"above\", \"critical\": 1e309}", ""));
    assertEquals(
        "detection.warning must be a finite number",
        refusal("{\"type\": \"threshold\", \"direction\": \"above\", \"warning\": \"NaN\"}", ""));
    assertEquals(
        "detection.resolve must be a finite number",
        refusal(
            "{\"type\": \"change\", \"direction\": \"below\", \"critical\": -50, \"resolve\": -1e309}",
            ""));
  }

  @Test
  void rejectsDuplicateQueryLabels() throws Exception {
    MonitorSpec spec =
        json.readValue(
            """
        {"name": "dup", "detection": {"type": "threshold", "direction": "above", "critical": 1},
         "query": {"projects": [1], "watch": "A", "queries": [{"label": "A", "metric": "m", "aggregate": "sum"},
                                                               {"label": "A", "metric": "n", "aggregate": "sum"}]}}
        """,
            MonitorSpec.class);
    assertEquals(
        "query.queries[1].label must be a unique capital letter A..Z",
        assertThrows(ApiException.class, spec::validated).getMessage());
  }

  @Test
  void rejectsMissingProjects() throws Exception {
    MonitorSpec spec =
        json.readValue(
            """
        {"name": "x", "detection": {"type": "threshold", "direction": "above", "critical": 1},
         "query": {"queries": [{"label": "A", "metric": "m", "aggregate": "sum"}]}}
        """,
            MonitorSpec.class);
    assertEquals(
        "query.projects needs at least one project id",
        assertThrows(ApiException.class, spec::validated).getMessage());
  }

  @Test
  void aCompositeReadsFromJsonAndItsConditionsMustWatchTheMonitorsLabels() throws Exception {
    String composite =
        """
        {"type": "composite", "operator": "and", "conditions": [
          {"watch": "A", "detection": {"type": "threshold", "direction": "above", "critical": 500}},
          {"watch": "Q", "detection": {"type": "change", "direction": "above", "critical": 50}}]}""";
    ApiException e = assertThrows(ApiException.class, () -> read(composite, "").validated());
    assertEquals(
        List.of("detection.conditions[1].watch"),
        e.toResponse().details().stream().map(ErrorResponse.Detail::field).toList());
    MonitorSpec spec = read(composite.replace("\"Q\"", "\"A\""), "").validated();
    assertEquals(
        "1d",
        ((ChangeDetection) ((CompositeDetection) spec.detection()).conditions().get(1).detection())
            .comparedTo());
  }

  @Test
  void minEventsIsBoundedAndDefaultsToNone() throws Exception {
    String threshold = "{\"type\": \"threshold\", \"direction\": \"above\", \"critical\": 500}";
    assertEquals(0, read(threshold, "").validated().evaluation().minEvents());
    ApiException e =
        assertThrows(
            ApiException.class,
            () -> read(threshold, ", \"evaluation\": {\"minEvents\": -1}").validated());
    assertEquals("evaluation.minEvents", e.toResponse().details().get(0).field());
  }
}
