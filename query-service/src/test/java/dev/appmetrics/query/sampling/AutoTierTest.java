package dev.appmetrics.query.sampling;

import static dev.appmetrics.query.support.GoldenDataset.BUCKETS;
import static dev.appmetrics.query.support.GoldenDataset.END;
import static dev.appmetrics.query.support.GoldenDataset.INTERVAL;
import static dev.appmetrics.query.support.GoldenDataset.START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.appmetrics.query.support.Api;
import dev.appmetrics.query.support.Reference;
import dev.appmetrics.query.support.Tenants;
import dev.appmetrics.query.support.Tenants.WithDataset;
import dev.appmetrics.query.support.TestEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code "sampling": "auto"} picks the finest tier whose estimated rows stay within the row budget, here 100 rows so
 * that the small golden dataset crosses it. The expected estimate is 512 × the events the hash rule keeps at 512 in
 * the range, and the expected tier the first weight whose share of it fits the budget, both computed in the test.
 */
@QuarkusTest
@TestProfile(AutoTierTest.SmallBudget.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AutoTierTest {

  static final long BUDGET = 100;
  static final String PATH = "/api/v1/query/timeseries";

  public static class SmallBudget implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("appmetrics.query.tier-row-budget", Long.toString(BUDGET));
    }
  }

  @Inject Tenants tenants;

  WithDataset golden;

  @BeforeAll
  void writeDataset() throws Exception {
    golden = tenants.withGoldenDataset();
  }

  Map<String, Object> request(String sampling, List<Map<String, Object>> queries) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("projects", List.of(golden.tenant().projectId()));
    body.put("start", Instant.ofEpochSecond(START).toString());
    body.put("end", Instant.ofEpochSecond(END).toString());
    body.put("interval", "10m");
    if (sampling != null) {
      body.put("sampling", sampling);
    }
    body.put("queries", queries);
    return body;
  }

  static Map<String, Object> count(String label, String metric, String aggregate) {
    return Map.of("label", label, "metric", metric, "aggregate", aggregate);
  }

  /** 512 × the events of these metrics the 512 tier keeps in the range. */
  long estimate(List<String> metrics) {
    return 512
        * Reference.inTier(golden.data().events, 512).stream()
            .filter(
                e ->
                    metrics.contains(e.metric())
                        && e.bucketSecond() >= START
                        && e.bucketSecond() < END)
            .count();
  }

  static int expectedWeight(long estimate) {
    for (int weight : new int[] {1, 8, 64}) {
      if (estimate / weight <= BUDGET) {
        return weight;
      }
    }
    return 512;
  }

  @Test
  void aMetricWithinTheBudgetIsReadExactly() {
    String counter = golden.data().counter;
    assertEquals(0, estimate(List.of(counter)), "the 512 tier keeps none of the counter's events");
    JsonNode sampling =
        Api.post(
                PATH,
                request(null, List.of(count("A", counter, "sum"))),
                golden.tenant().bearer(),
                200)
            .get("sampling");
    assertEquals("exact", sampling.get("tier").asText());
    assertEquals(1, sampling.get("weight").asInt());
    assertEquals("auto", sampling.get("requested").asText());
    assertEquals(0, sampling.get("estimatedRows").asLong());
    assertEquals(BUDGET, sampling.get("rowBudget").asLong());
  }

  @Test
  void aMetricBeyondTheBudgetIsReadFromTheFinestTierWithinItAndEquationsCombineOneTier() {
    String distribution = golden.data().distribution;
    long estimate = estimate(List.of(distribution, golden.data().counter));
    int weight = expectedWeight(estimate);
    assertTrue(
        weight > 1, "the distribution's estimate, " + estimate + " rows, is beyond the budget");
    Map<String, Object> body =
        request(
            "auto",
            List.of(count("A", distribution, "count"), count("B", golden.data().counter, "sum")));
    body.put("equations", List.of(Map.of("label", "f1", "expression", "B / A")));
    JsonNode answer = Api.post(PATH, body, golden.tenant().bearer(), 200);
    JsonNode sampling = answer.get("sampling");
    assertEquals("downsample_" + weight, sampling.get("tier").asText());
    assertEquals(weight, sampling.get("weight").asInt());
    assertEquals(estimate, sampling.get("estimatedRows").asLong());
    List<TestEvent> kept = Reference.inTier(golden.data().events, weight);
    List<Double> a =
        Reference.series(kept, distribution, "count", e -> true, START, INTERVAL, BUCKETS);
    List<Double> b =
        Reference.series(kept, golden.data().counter, "sum", e -> true, START, INTERVAL, BUCKETS);
    Api.assertValues(a, answer.get("series").get(0).get("values"), "A from the tier");
    Api.assertValues(b, answer.get("series").get(1).get("values"), "B from the same tier as A");
    Api.assertValues(
        IntStream.range(0, BUCKETS)
            .mapToObj(i -> a.get(i) == 0 ? null : b.get(i) / a.get(i))
            .toList(),
        answer.get("series").get(2).get("values"),
        "f1 of one tier");
    long stored =
        kept.stream()
            .filter(
                e ->
                    List.of(distribution, golden.data().counter).contains(e.metric())
                        && e.bucketSecond() >= START
                        && e.bucketSecond() < END)
            .count();
    assertEquals(
        stored, sampling.get("storedEvents").asLong(), "the events behind the query series");
  }

  @Test
  void anUnknownSamplingIsA400ListingTheAllowedValues() {
    JsonNode error =
        Api.post(
            PATH,
            request("downsample_16", List.of(count("A", golden.data().counter, "sum"))),
            golden.tenant().bearer(),
            400);
    assertEquals(
        "'sampling' must be one of [auto, exact, downsample_8, downsample_64, downsample_512]",
        error.get("message").asText());
    assertEquals("sampling", error.get("details").get(0).get("field").asText());
  }
}
