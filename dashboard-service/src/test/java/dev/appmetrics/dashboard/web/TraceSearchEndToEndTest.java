package dev.appmetrics.dashboard.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appmetrics.common.testing.GrantPublisher;
import dev.appmetrics.dashboard.explorer.TestOrganization;
import dev.appmetrics.dashboard.upstream.QueryServiceProcess;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 23's Traces page in real headless Chromium against the real query-service and ClickHouse: a three-condition
 * search built row by row (a metric summing above 0, a db.query over 500 ms, a TypeError) finds exactly the generated
 * traces that meet all three, newest first and then longest first, as the API answers; and a sample whose trace was
 * not stored opens the page pre-filled with its release, environment, transaction and the hour around it. The
 * script (src/main/webui/e2e/trace-search.e2e.mjs) checks what the browser shows against what this test computes.
 */
@QuarkusTest
@WithTestResource(QueryServiceProcess.class)
class TraceSearchEndToEndTest {

  static final Map<String, String> RELEASE_2 =
      Map.of(
          "sentry.release",
          "2.0.0",
          "sentry.environment",
          "production",
          "sentry.transaction",
          "/checkout");
  static final Map<String, String> RELEASE_1_9 =
      Map.of(
          "sentry.release",
          "1.9.0",
          "sentry.environment",
          "production",
          "sentry.transaction",
          "/checkout");
  static final Path DOCS_SCREENSHOT = Path.of("..", "docs", "images", "trace-search.png");

  /**
   * A checkout trace: its segment, one db.query of {@code queryMs}, the failed-checkout metric's sum (null: no
   * event), and an error of {@code errorType} (null: none).
   */
  record Generated(
      String traceId,
      Instant start,
      Double metricSum,
      long queryMs,
      String errorType,
      Map<String, String> attributes) {

    long durationMs() {
      return queryMs + 300;
    }

    boolean matches() {
      return metricSum != null && metricSum > 0 && queryMs > 500 && "TypeError".equals(errorType);
    }
  }

  @Inject GrantPublisher grants;

  @TestHTTPResource("/")
  URL base;

  @Test
  void findsExactlyTheTracesMeetingThreeConditionsAndOpensPreFilledFromASampleWithoutATrace()
      throws Exception {
    TestOrganization org = TestOrganization.create(grants);
    String metric = "e2e.checkout.failed." + UUID.randomUUID().toString().substring(0, 8);
    Instant first = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(90, ChronoUnit.MINUTES);
    Object[][] plan = {
      {1.0, 900, "TypeError", RELEASE_2},
      {1.0, 700, "TypeError", RELEASE_2},
      {0.0, 1200, "TypeError", RELEASE_2},
      {1.0, 300, "TypeError", RELEASE_2},
      {1.0, 800, "RangeError", RELEASE_2},
      {null, 900, "TypeError", RELEASE_2},
      {1.0, 2500, "TypeError", RELEASE_1_9},
      {1.0, 600, "TypeError", RELEASE_2},
      {2.0, 1500, null, RELEASE_2},
      {1.0, 510, "TypeError", RELEASE_2}
    };
    List<Generated> traces = new ArrayList<>();
    for (int i = 0; i < plan.length; i++) {
      traces.add(generated(first.plus(4L * i, ChronoUnit.MINUTES), plan[i]));
    }
    // Meets every condition but lies before the searched range: the search must not read it.
    traces.add(generated(first.minus(70, ChronoUnit.MINUTES), plan[0]));
    Instant rangeStart = first.minus(5, ChronoUnit.MINUTES);
    Instant rangeEnd = first.plus(45, ChronoUnit.MINUTES);

    List<Map<String, Object>> spans = new ArrayList<>();
    List<Map<String, Object>> errors = new ArrayList<>();
    List<Map<String, Object>> events = new ArrayList<>();
    for (Generated t : traces) {
      write(org, metric, t, spans, errors, events);
    }
    // A sample of another metric whose trace was not stored, in the middle of the generated traces.
    String unstored = ClickHouseSeed.traceId();
    Instant sampleAt = first.plus(20, ChronoUnit.MINUTES).plusSeconds(30);
    events.add(
        ClickHouseSeed.distribution(
            org,
            "e2e.checkout.duration." + metric.substring(metric.length() - 8),
            sampleAt.toEpochMilli(),
            420,
            unstored,
            ClickHouseSeed.spanId(),
            RELEASE_2));
    ClickHouseSeed.insert("spans", spans);
    ClickHouseSeed.insert("errors", errors);
    ClickHouseSeed.insert("metric_events", events);
    QueryServiceProcess.awaitKnows(org.token(), org.projectId());

    List<Generated> inRange =
        traces.stream()
            .filter(t -> !t.start().isBefore(rangeStart) && t.start().isBefore(rangeEnd))
            .toList();
    List<Generated> found = inRange.stream().filter(Generated::matches).toList();
    List<Generated> likeSample =
        traces.stream()
            .filter(t -> t.attributes().equals(RELEASE_2))
            .filter(t -> Math.abs(t.start().toEpochMilli() - sampleAt.toEpochMilli()) < 3_600_000)
            .toList();
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("metric", metric);
    expected.put("start", rangeStart.toString());
    expected.put("end", rangeEnd.toString());
    expected.put("newestFirst", ids(found, Comparator.comparing(Generated::start).reversed()));
    expected.put(
        "longestFirst", ids(found, Comparator.comparingLong(Generated::durationMs).reversed()));
    expected.put(
        "durations",
        found.stream()
            .sorted(Comparator.comparing(Generated::start).reversed())
            .map(Generated::durationMs)
            .toList());
    expected.put(
        "unstored",
        Map.of(
            "traceId",
            unstored,
            "at",
            sampleAt.toString(),
            "like",
            ids(likeSample, Comparator.comparing(Generated::start).reversed())));

    BrowserScript.run(
        "trace-search",
        base,
        org.token(),
        Map.of(
            "PROJECT", Long.toString(org.projectId()),
            "EXPECTED", new ObjectMapper().writeValueAsString(expected)),
        "trace-search.png",
        "trace-search-prefilled.png");
    Files.copy(
        BrowserScript.SCREENSHOTS.resolve("trace-search.png"),
        DOCS_SCREENSHOT,
        StandardCopyOption.REPLACE_EXISTING);
  }

  static Generated generated(Instant start, Object[] plan) {
    @SuppressWarnings("unchecked")
    Map<String, String> attributes = (Map<String, String>) plan[3];
    return new Generated(
        ClickHouseSeed.traceId(),
        start,
        (Double) plan[0],
        ((Integer) plan[1]).longValue(),
        (String) plan[2],
        attributes);
  }

  static List<String> ids(List<Generated> traces, Comparator<Generated> order) {
    return traces.stream().sorted(order).map(Generated::traceId).toList();
  }

  /** The trace's rows: a segment spanning everything, the db.query inside it, its metric event and its error. */
  static void write(
      TestOrganization org,
      String metric,
      Generated t,
      List<Map<String, Object>> spans,
      List<Map<String, Object>> errors,
      List<Map<String, Object>> events) {
    long at = t.start().toEpochMilli();
    String segment = ClickHouseSeed.spanId();
    String query = ClickHouseSeed.spanId();
    spans.add(
        StoredTrace.span(
            org,
            t.traceId(),
            segment,
            "",
            segment,
            "http.server",
            "POST /checkout",
            "ok",
            t.attributes(),
            at,
            t.durationMs()));
    spans.add(
        StoredTrace.span(
            org,
            t.traceId(),
            query,
            segment,
            segment,
            "db.query",
            "SELECT * FROM orders",
            "ok",
            t.attributes(),
            at + 100,
            t.queryMs()));
    if (t.metricSum() != null) {
      events.add(
          ClickHouseSeed.distribution(
              org, metric, at + 150, t.metricSum(), t.traceId(), segment, t.attributes()));
    }
    if (t.errorType() != null) {
      long errorAt = at + 100 + t.queryMs() - 10;
      Map<String, Object> error = ClickHouseSeed.owned(org);
      error.put("event_id", ClickHouseSeed.traceId());
      error.put("trace_id", t.traceId());
      error.put("span_id", query);
      error.put("timestamp", Math.floorDiv(errorAt, 1000));
      error.put("timestamp_ms", errorAt);
      error.put("level", "error");
      error.put("exception_type", t.errorType());
      error.put("exception_value", "checkout failed");
      for (String frames :
          List.of("frame_filenames", "frame_functions", "frame_lines", "frame_in_app")) {
        error.put(frames, List.of());
      }
      error.put("release", t.attributes().get("sentry.release"));
      error.put("environment", t.attributes().get("sentry.environment"));
      error.put("transaction", t.attributes().get("sentry.transaction"));
      error.put("received_at", Math.floorDiv(errorAt, 1000));
      errors.add(error);
    }
  }
}
