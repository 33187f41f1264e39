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
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 8's debugging flow in real headless Chromium against the real query-service and ClickHouse: a spike on the
 * Explorer's chart, a click on it narrowing the Samples tab to that bucket, one sample's trace with the error and
 * logs of its failing span, and a sample whose trace was not stored leading to a comparable one. The Node script
 * (src/main/webui/e2e/debugging-flow.e2e.mjs) checks what the browser shows against what this test seeded.
 */
@QuarkusTest
@WithTestResource(QueryServiceProcess.class)
class DebuggingFlowEndToEndTest {

  static final Duration INTERVAL = Duration.ofMinutes(5);
  static final int BUCKETS = 12;
  static final int SPIKE_BUCKET = 7;

  /** The spike's values: its bucket's average is theirs, far above every other bucket's (at most 61). */
  static final List<Double> SPIKE_VALUES = List.of(2700.0, 2400.0, 2100.0, 1800.0);

  static final Map<String, String> CHECKOUT =
      Map.of(
          "sentry.release",
          "1.4.2",
          "sentry.environment",
          "production",
          "sentry.transaction",
          "/checkout");

  @Inject GrantPublisher grants;

  @TestHTTPResource("/")
  URL base;

  @Test
  void walksFromASpikeOnTheChartToItsSamplesToOneSamplesTraceAndTheErrorInIt() throws Exception {
    TestOrganization org = TestOrganization.create(grants);
    String metric = "e2e.checkout.duration." + UUID.randomUUID().toString().substring(0, 8);
    Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(2, ChronoUnit.HOURS);
    Instant spikeStart = start.plus(INTERVAL.multipliedBy(SPIKE_BUCKET));
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("metric", metric);
    expected.put("start", start.toString());
    expected.put("end", start.plus(INTERVAL.multipliedBy(BUCKETS)).toString());
    expected.put("buckets", BUCKETS);
    expected.put(
        "spike",
        Map.of(
            "start",
            spikeStart.toString(),
            "end",
            spikeStart.plus(INTERVAL).toString(),
            "value",
            SPIKE_VALUES.stream().mapToDouble(Double::doubleValue).average().orElseThrow()));

    List<Map<String, Object>> events = new ArrayList<>();
    for (int bucket = 0; bucket < BUCKETS; bucket++) {
      if (bucket != SPIKE_BUCKET) {
        Instant at = start.plus(INTERVAL.multipliedBy(bucket));
        events.add(
            ClickHouseSeed.distribution(
                org,
                metric,
                at.plusSeconds(60).toEpochMilli(),
                40 + bucket,
                ClickHouseSeed.traceId(),
                ClickHouseSeed.spanId(),
                CHECKOUT));
        events.add(
            ClickHouseSeed.distribution(
                org,
                metric,
                at.plusSeconds(180).toEpochMilli(),
                60 + bucket,
                ClickHouseSeed.traceId(),
                ClickHouseSeed.spanId(),
                CHECKOUT));
      }
    }
    List<String> spikeTraces =
        Stream.generate(ClickHouseSeed::traceId).limit(SPIKE_VALUES.size()).toList();
    List<Instant> spikeTimes =
        List.of(
            spikeStart.plusSeconds(60),
            spikeStart.plusSeconds(150),
            spikeStart.plusSeconds(200),
            spikeStart.plusSeconds(250));
    expected.put("spikeTraces", spikeTraces);

    // The first spike sample's trace is stored: a checkout whose db.query span timed out, with its
    // error and logs.
    StoredTrace failing = StoredTrace.failingCheckout(org, spikeTraces.get(0), spikeTimes.get(0));
    expected.put("stored", failing.expected());
    // The second's trace was not kept; the same release, environment and transaction ran nearby.
    Instant unstoredAt = spikeTimes.get(1);
    StoredTrace nearby =
        StoredTrace.okCheckout(org, ClickHouseSeed.traceId(), unstoredAt.plusSeconds(40), CHECKOUT);
    List<StoredTrace> decoys =
        List.of(
            StoredTrace.okCheckout(
                org,
                ClickHouseSeed.traceId(),
                unstoredAt.plusSeconds(5),
                Map.of(
                    "sentry.release",
                    "1.4.1",
                    "sentry.environment",
                    "production",
                    "sentry.transaction",
                    "/checkout")),
            StoredTrace.okCheckout(
                org,
                ClickHouseSeed.traceId(),
                unstoredAt.minusSeconds(10),
                Map.of(
                    "sentry.release",
                    "1.4.2",
                    "sentry.environment",
                    "staging",
                    "sentry.transaction",
                    "/checkout")));
    List<StoredTrace> traces = new ArrayList<>(List.of(failing, nearby));
    traces.addAll(decoys);
    expected.put(
        "unstored",
        Map.of(
            "traceId",
            spikeTraces.get(1),
            "comparable",
            comparableTo(traces, CHECKOUT, unstoredAt),
            "nearby",
            nearby.expected()));

    for (int i = 0; i < SPIKE_VALUES.size(); i++) {
      events.add(
          ClickHouseSeed.distribution(
              org,
              metric,
              spikeTimes.get(i).toEpochMilli(),
              SPIKE_VALUES.get(i),
              spikeTraces.get(i),
              i == 0 ? failing.sampleSpanId() : ClickHouseSeed.spanId(),
              CHECKOUT));
    }
    ClickHouseSeed.insert("metric_events", events);
    List<Map<String, Object>> spans = new ArrayList<>();
    traces.forEach(t -> spans.addAll(t.spans()));
    ClickHouseSeed.insert("spans", spans);
    ClickHouseSeed.insert("logs", failing.logs());
    ClickHouseSeed.insert("errors", failing.errors());
    QueryServiceProcess.awaitKnows(org.token(), org.projectId());

    BrowserScript.run(
        "debugging-flow",
        base,
        org.token(),
        Map.of(
            "PROJECT", Long.toString(org.projectId()),
            "EXPECTED", new ObjectMapper().writeValueAsString(expected)),
        "flow-spike.png",
        "flow-samples.png",
        "trace-view.png",
        "trace-comparable.png",
        "trace-nearby.png");
  }

  /** Reference for comparable traces: segments with the sample's release, environment and transaction, nearest first. */
  static List<String> comparableTo(
      List<StoredTrace> traces, Map<String, String> sample, Instant at) {
    return traces.stream()
        .filter(t -> t.attributes().equals(sample))
        .sorted(
            Comparator.comparingLong(t -> Math.abs(t.start().toEpochMilli() - at.toEpochMilli())))
        .map(StoredTrace::traceId)
        .toList();
  }
}
