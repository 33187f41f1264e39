package dev.appmetrics.query.timeseries;

import static dev.appmetrics.query.support.GoldenDataset.BUCKETS;
import static dev.appmetrics.query.support.GoldenDataset.EMPTY_BUCKET;
import static dev.appmetrics.query.support.GoldenDataset.END;
import static dev.appmetrics.query.support.GoldenDataset.INTERVAL;
import static dev.appmetrics.query.support.GoldenDataset.START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appmetrics.common.clickhouse.ClickHouseClient;
import dev.appmetrics.common.testing.GrantPublisher;
import dev.appmetrics.query.support.Api;
import dev.appmetrics.query.support.GoldenDataset;
import dev.appmetrics.query.support.Reference;
import dev.appmetrics.query.support.Tenant;
import dev.appmetrics.query.support.TestEvent;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The golden suite: a deterministic dataset in the test ClickHouse database, and every answer compared with
 * {@link Reference}, computed in Java from the same events. Each case runs on the exact table and forced on every
 * downsampled tier ({@code "sampling"}), whose expected answers come from the events the tiers' hash rule keeps,
 * weighted by the tier ({@link Reference#inTier}), so a tier's answers are checked exactly too.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TimeseriesGoldenTest {

  static final String PATH = "/api/v1/query/timeseries";
  static final Map<String, List<String>> AGGREGATES =
      Map.of(
          "counter", List.of("sum", "per_second", "per_minute"),
          "gauge", List.of("min", "max", "avg", "last", "per_second", "per_minute"),
          "distribution",
              List.of(
                  "p50",
                  "p75",
                  "p90",
                  "p95",
                  "p99",
                  "avg",
                  "sum",
                  "min",
                  "max",
                  "count",
                  "per_second",
                  "per_minute"));

  @Inject GrantPublisher grants;
  @Inject ClickHouseClient clickHouse;
  @Inject ObjectMapper json;

  Tenant tenant;
  GoldenDataset data;

  @BeforeAll
  void writeDataset() throws Exception {
    tenant = Tenant.create(grants);
    data = new GoldenDataset(tenant.projectId(), UUID.randomUUID().toString().substring(0, 8));
    tenant.insert(clickHouse, json, data.events);
  }

  /** The request's "sampling" for the tier of that weight. */
  static String sampling(int weight) {
    return weight == 1 ? "exact" : "downsample_" + weight;
  }

  Map<String, Object> request(int weight, List<Map<String, Object>> queries) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("sampling", sampling(weight));
    body.put("projects", List.of(tenant.projectId()));
    body.put("start", Instant.ofEpochSecond(START).toString());
    body.put("end", Instant.ofEpochSecond(END).toString());
    body.put("interval", "10m");
    body.put("queries", queries);
    return body;
  }

  static Map<String, Object> query(
      String label, String metric, String aggregate, Object filter, List<String> groupBy) {
    Map<String, Object> q = new LinkedHashMap<>();
    q.put("label", label);
    q.put("metric", metric);
    q.put("aggregate", aggregate);
    if (filter != null) {
      q.put("filter", filter);
    }
    if (groupBy != null) {
      q.put("groupBy", groupBy);
    }
    return q;
  }

  String metricOf(String kind) {
    return switch (kind) {
      case "counter" -> data.counter;
      case "gauge" -> data.gauge;
      default -> data.distribution;
    };
  }

  List<TestEvent> events(int weight) {
    return Reference.inTier(data.events, weight);
  }

  List<Double> expected(int weight, String metric, String aggregate, Predicate<TestEvent> filter) {
    return Reference.series(events(weight), metric, aggregate, filter, START, INTERVAL, BUCKETS);
  }

  /**
   * The stored events behind each bucket, and on a tier the buckets on fewer than 100 of them flagged low confidence
   * (docs/query.md: below 100 a count's 95% bound is wider than ±20%).
   */
  void assertStoredEvents(
      int weight, String metric, Predicate<TestEvent> filter, JsonNode series, String what) {
    List<Long> stored = Reference.stored(events(weight), metric, filter, START, INTERVAL, BUCKETS);
    assertEquals(
        stored,
        json.convertValue(series.get("storedEvents"), new TypeReference<List<Long>>() {}),
        what);
    if (weight == 1) {
      assertNull(series.get("lowConfidence"), what);
    } else {
      assertEquals(
          stored.stream().map(n -> n < 100).toList(),
          json.convertValue(series.get("lowConfidence"), new TypeReference<List<Boolean>>() {}),
          what);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 8, 64, 512})
  void everyAggregateOfEveryKindMatchesTheReference(int weight) {
    for (String kind : AGGREGATES.keySet()) {
      List<String> aggregates = AGGREGATES.get(kind);
      List<Map<String, Object>> queries = new ArrayList<>();
      for (int i = 0; i < aggregates.size(); i++) {
        queries.add(
            query(String.valueOf((char) ('A' + i)), metricOf(kind), aggregates.get(i), null, null));
      }
      JsonNode answer = Api.post(PATH, request(weight, queries), tenant.bearer(), 200);
      assertEquals(sampling(weight), answer.get("sampling").get("tier").asText());
      assertEquals(weight, answer.get("sampling").get("weight").asInt());
      assertEquals(sampling(weight), answer.get("sampling").get("requested").asText());
      assertEquals(INTERVAL, answer.get("intervalSeconds").asLong());
      assertEquals(BUCKETS, answer.get("timestamps").size());
      assertEquals(START * 1000, answer.get("timestamps").get(0).asLong());
      assertEquals((START + INTERVAL) * 1000, answer.get("timestamps").get(1).asLong());
      assertEquals(aggregates.size(), answer.get("series").size());
      for (int i = 0; i < aggregates.size(); i++) {
        JsonNode series = answer.get("series").get(i);
        assertEquals(aggregates.get(i), series.get("aggregate").asText());
        assertEquals("query", series.get("type").asText());
        assertEquals(0, series.get("group").size());
        String what = kind + " " + aggregates.get(i) + " at weight " + weight;
        Api.assertValues(
            expected(weight, metricOf(kind), aggregates.get(i), e -> true),
            series.get("values"),
            what);
        assertStoredEvents(weight, metricOf(kind), e -> true, series, what);
        boolean seen = List.of("min", "max", "last").contains(aggregates.get(i));
        assertEquals(
            weight > 1 && seen,
            series.has("fromSample") && series.get("fromSample").asBoolean(),
            what);
        JsonNode empty = series.get("values").get(EMPTY_BUCKET);
        assertTrue(
            List.of("sum", "count", "per_second", "per_minute").contains(aggregates.get(i))
                ? empty.asDouble() == 0.0 && empty.isNumber()
                : empty.isNull(),
            "empty bucket of " + what);
      }
      if (weight > 1) {
        assertTrue(
            events(weight).stream().anyMatch(e -> e.metric().equals(metricOf(kind)))
                || weight == 512,
            "the tiers below 512 keep some events of the " + kind);
      }
    }
  }

  @Test
  void sampledEventsAreExtrapolatedAndBoundariesBelongToTheLaterBucket() {
    List<TestEvent> firstBucket =
        data.events.stream()
            .filter(
                e ->
                    e.metric().equals(data.distribution)
                        && e.timestampMillis() >= START * 1000
                        && e.timestampMillis() < (START + INTERVAL) * 1000)
            .toList();
    double weights = firstBucket.stream().mapToDouble(e -> 1 / e.sampleRate()).sum();
    assertTrue(weights > firstBucket.size(), "the dataset samples some events");
    JsonNode answer =
        Api.post(
            PATH,
            request(1, List.of(query("A", data.distribution, "count", null, null))),
            tenant.bearer(),
            200);
    assertEquals(weights, answer.get("series").get(0).get("values").get(0).asDouble(), 1e-9);
    assertTrue(
        firstBucket.stream().anyMatch(e -> e.timestampMillis() == (START + INTERVAL) * 1000 - 1));
  }

  @Test
  void unitsComeFromTheMetricAndCountsHaveNone() {
    JsonNode answer =
        Api.post(
            PATH,
            request(
                1,
                List.of(
                    query("A", data.distribution, "p95", null, null),
                    query("B", data.distribution, "count", null, null))),
            tenant.bearer(),
            200);
    assertEquals("millisecond", answer.get("series").get(0).get("unit").asText());
    assertTrue(answer.get("series").get(1).get("unit").isNull());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 8, 64, 512})
  void groupByGivesOneSeriesPerAttributeValueSortedByValue(int weight) {
    JsonNode answer =
        Api.post(
            PATH,
            request(
                weight,
                List.of(
                    query("A", data.distribution, "p95", null, List.of("region")),
                    query("B", data.distribution, "count", null, List.of("region")))),
            tenant.bearer(),
            200);
    TreeSet<String> regions = new TreeSet<>();
    events(weight).stream()
        .filter(e -> e.metric().equals(data.distribution))
        .forEach(e -> regions.add(e.text("region")));
    assertTrue(regions.contains("") || weight > 1, "some events lack the region");
    List<String> sorted = new ArrayList<>(regions);
    JsonNode series = answer.get("series");
    assertEquals(2 * sorted.size(), series.size());
    for (int q = 0; q < 2; q++) {
      String aggregate = q == 0 ? "p95" : "count";
      for (int g = 0; g < sorted.size(); g++) {
        JsonNode s = series.get(q * sorted.size() + g);
        String region = sorted.get(g);
        assertEquals(region, s.get("group").get("region").asText());
        assertFalse(s.get("other").asBoolean());
        String what = aggregate + " of region '" + region + "' at weight " + weight;
        Api.assertValues(
            expected(weight, data.distribution, aggregate, e -> e.text("region").equals(region)),
            s.get("values"),
            what);
        assertStoredEvents(
            weight, data.distribution, e -> e.text("region").equals(region), s, what);
      }
    }
  }

  /**
   * A top-N answer: exactly the reference's first {@code limit} groups, in rank order, each with its own values, then
   * one "other" series holding every remaining event when any group is left over, and none otherwise.
   */
  void assertTopGroups(int weight, String aggregate, List<String> keys, int limit, String order) {
    Map<String, Object> q = query("A", data.distribution, aggregate, null, keys);
    q.put("limit", limit);
    q.put("order", order);
    JsonNode series =
        Api.post(PATH, request(weight, List.of(q)), tenant.bearer(), 200).get("series");
    List<List<String>> ranked =
        Reference.ranked(
            events(weight), data.distribution, aggregate, keys, START, END, order.equals("desc"));
    List<List<String>> top = ranked.subList(0, Math.min(limit, ranked.size()));
    boolean other = ranked.size() > limit;
    String what =
        aggregate + " by " + keys + ", " + order + " limit " + limit + " at weight " + weight;
    List<List<String>> groups = new ArrayList<>();
    for (int g = 0; g < Math.min(top.size(), series.size()); g++) {
      JsonNode group = series.get(g).get("group");
      assertEquals(keys.size(), group.size(), what);
      groups.add(keys.stream().map(key -> group.get(key).asText()).toList());
      assertFalse(series.get(g).get("other").asBoolean(), what);
    }
    assertEquals(top, groups, what);
    assertEquals(
        top.size() + (other ? 1 : 0),
        series.size(),
        what + ": the top groups, then other only if any remain");
    for (int g = 0; g < top.size(); g++) {
      List<String> group = top.get(g);
      Api.assertValues(
          expected(
              weight,
              data.distribution,
              aggregate,
              e -> keys.stream().map(e::text).toList().equals(group)),
          series.get(g).get("values"),
          what + " " + group);
    }
    if (other) {
      JsonNode rest = series.get(top.size());
      assertTrue(rest.get("other").asBoolean(), what);
      assertEquals(0, rest.get("group").size(), what);
      Predicate<TestEvent> folded = e -> !top.contains(keys.stream().map(e::text).toList());
      Api.assertValues(
          expected(weight, data.distribution, aggregate, folded),
          rest.get("values"),
          what + " other");
      assertStoredEvents(weight, data.distribution, folded, rest, what + " other");
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 8, 64, 512})
  void topGroupsAreRankedByTheirTotalAndTheRestIsFoldedIntoOther(int weight) {
    assertTrue(
        Reference.ranked(
                        events(weight),
                        data.distribution,
                        "count",
                        List.of("region"),
                        START,
                        END,
                        true)
                    .size()
                > 2
            || weight > 8,
        "more regions than the limit");
    for (String order : List.of("desc", "asc")) {
      assertTopGroups(weight, "count", List.of("region"), 2, order);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 8, 64})
  void aLimitCoveringEveryGroupLeavesNoOther(int weight) {
    int regions =
        Reference.ranked(
                events(weight), data.distribution, "count", List.of("region"), START, END, true)
            .size();
    assertTopGroups(weight, "count", List.of("region"), regions, "desc");
    assertTopGroups(weight, "count", List.of("region"), regions - 1, "asc");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 8, 64, 512})
  void groupingByTwoKeysRanksAndFoldsTuples(int weight) {
    for (String order : List.of("desc", "asc")) {
      assertTopGroups(weight, "sum", List.of("region", "route"), 3, order);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 8, 64, 512})
  void everyFilterOperatorSelectsTheSameEventsAsTheReference(int weight) {
    Map<Object, Predicate<TestEvent>> filters = new LinkedHashMap<>();
    filters.put("region:eu", e -> e.text("region").equals("eu"));
    filters.put("!region:eu", e -> !e.text("region").equals("eu"));
    filters.put("region:[eu, us]", e -> List.of("eu", "us").contains(e.text("region")));
    filters.put("has:region", e -> e.strings().containsKey("region"));
    filters.put("!has:region", e -> !e.strings().containsKey("region"));
    filters.put("has:cached", e -> e.booleans().containsKey("cached"));
    filters.put("route:\"/checkout\"", e -> e.text("route").equals("/checkout"));
    filters.put("value:<100", e -> e.value() < 100);
    filters.put("value:>=200", e -> e.value() >= 200);
    filters.put("value:>200 value:<400", e -> e.value() > 200 && e.value() < 400);
    filters.put("value:<=50", e -> e.value() <= 50);
    filters.put("value:[7, 8, 9]", e -> List.of(7.0, 8.0, 9.0).contains(e.value()));
    filters.put("retries:2", e -> e.integers().get("retries") == 2);
    filters.put("retries:>1", e -> e.integers().get("retries") > 1);
    filters.put("ratio:<=0.5", e -> e.doubles().get("ratio") <= 0.5);
    filters.put(
        "ratio:>0.25 retries:<3",
        e -> e.doubles().get("ratio") > 0.25 && e.integers().get("retries") < 3);
    filters.put("cached:true", e -> Boolean.TRUE.equals(e.booleans().get("cached")));
    filters.put(
        "(region:eu OR region:us) value:>100",
        e -> List.of("eu", "us").contains(e.text("region")) && e.value() > 100);
    filters.put(
        "region:eu OR route:/a AND value:<50",
        e -> e.text("region").equals("eu") || (e.text("route").equals("/a") && e.value() < 50));
    filters.put("nosuch:attribute", e -> false);
    filters.put(
        Map.of(
            "or",
            List.of(
                Map.of("key", "region", "op", "eq", "value", "eu"),
                Map.of(
                    "and",
                    List.of(
                        Map.of("key", "value", "op", "gte", "value", 250),
                        Map.of("not", Map.of("has", "cached")))))),
        e ->
            e.text("region").equals("eu")
                || (e.value() >= 250 && !e.booleans().containsKey("cached")));
    filters.put(
        Map.of("key", "route", "op", "in", "values", List.of("/a", "/b")),
        e -> List.of("/a", "/b").contains(e.text("route")));
    filters.put(
        Map.of("key", "retries", "op", "lt", "value", 2), e -> e.integers().get("retries") < 2);
    List<Map<String, Object>> queries = new ArrayList<>();
    List<Predicate<TestEvent>> predicates = new ArrayList<>();
    filters.forEach(
        (filter, predicate) -> {
          queries.add(
              query(
                  String.valueOf((char) ('A' + queries.size())),
                  data.distribution,
                  "count",
                  filter,
                  null));
          predicates.add(predicate);
        });
    JsonNode series = Api.post(PATH, request(weight, queries), tenant.bearer(), 200).get("series");
    List<Object> texts = new ArrayList<>(filters.keySet());
    for (int i = 0; i < predicates.size(); i++) {
      String what = "filter " + texts.get(i) + " at weight " + weight;
      Api.assertValues(
          expected(weight, data.distribution, "count", predicates.get(i)),
          series.get(i).get("values"),
          what);
      assertStoredEvents(weight, data.distribution, predicates.get(i), series.get(i), what);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 8, 64, 512})
  void apdexEquationCombinesThreeCountsPerBucketAndIsNullWhereItDividesByZero(int weight) {
    Map<String, Object> body =
        request(
            weight,
            List.of(
                query("A", data.distribution, "count", "value:<100", null),
                query("B", data.distribution, "count", "value:>200 value:<400", null),
                query("C", data.distribution, "count", null, null)));
    body.put(
        "equations",
        List.of(
            Map.of("label", "f1", "expression", "(A + (B / 2)) / C"),
            Map.of("label", "f2", "expression", "-f1 * 100 + 100")));
    JsonNode series = Api.post(PATH, body, tenant.bearer(), 200).get("series");
    assertEquals(5, series.size());
    List<Double> a = expected(weight, data.distribution, "count", e -> e.value() < 100);
    List<Double> b =
        expected(weight, data.distribution, "count", e -> e.value() > 200 && e.value() < 400);
    List<Double> c = expected(weight, data.distribution, "count", e -> true);
    List<Double> f1 =
        IntStream.range(0, BUCKETS)
            .mapToObj(i -> c.get(i) == 0 ? null : (a.get(i) + b.get(i) / 2) / c.get(i))
            .toList();
    List<Double> f2 = f1.stream().map(v -> v == null ? null : -v * 100 + 100).toList();
    assertNull(f1.get(EMPTY_BUCKET));
    JsonNode equation = series.get(3);
    assertEquals("equation", equation.get("type").asText());
    assertEquals("f1", equation.get("label").asText());
    assertEquals("(A + (B / 2)) / C", equation.get("expression").asText());
    assertTrue(equation.get("unit").isNull());
    Api.assertValues(f1, equation.get("values"), "f1");
    Api.assertValues(f2, series.get(4).get("values"), "f2");
    // f1 rests on the fewest stored events of its operands: A's or B's, each a part of C's.
    List<Long> storedA =
        Reference.stored(
            events(weight), data.distribution, e -> e.value() < 100, START, INTERVAL, BUCKETS);
    List<Long> storedB =
        Reference.stored(
            events(weight),
            data.distribution,
            e -> e.value() > 200 && e.value() < 400,
            START,
            INTERVAL,
            BUCKETS);
    assertEquals(
        IntStream.range(0, BUCKETS)
            .mapToObj(i -> Math.min(storedA.get(i), storedB.get(i)))
            .toList(),
        json.convertValue(equation.get("storedEvents"), new TypeReference<List<Long>>() {}));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 8, 64, 512})
  void equationsPairSeriesByGroup(int weight) {
    Map<String, Object> body =
        request(
            weight,
            List.of(
                query("A", data.distribution, "count", "value:<100", List.of("region")),
                query("B", data.distribution, "count", null, List.of("region"))));
    body.put("equations", List.of(Map.of("label", "share", "expression", "A / B")));
    JsonNode series = Api.post(PATH, body, tenant.bearer(), 200).get("series");
    int checked = 0;
    for (JsonNode s : series) {
      if (s.get("type").asText().equals("equation")) {
        String region = s.get("group").get("region").asText();
        List<Double> a =
            expected(
                weight,
                data.distribution,
                "count",
                e -> e.text("region").equals(region) && e.value() < 100);
        List<Double> b =
            expected(weight, data.distribution, "count", e -> e.text("region").equals(region));
        Api.assertValues(
            IntStream.range(0, BUCKETS)
                .mapToObj(i -> b.get(i) == 0 ? null : a.get(i) / b.get(i))
                .toList(),
            s.get("values"),
            "share of " + region);
        checked++;
      }
    }
    long regions =
        events(weight).stream()
            .filter(
                e ->
                    e.metric().equals(data.distribution)
                        && e.bucketSecond() >= START
                        && e.bucketSecond() < END)
            .map(e -> e.text("region"))
            .distinct()
            .count();
    assertEquals(
        Math.max(regions, 1),
        checked,
        "one equation series per region, including events without one");
    assertTrue(weight > 1 || regions == 5, "the dataset has four regions and events without one");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 8, 64, 512})
  void compareAddsThePreviousPeriodShiftedByTheRange(int weight) {
    Map<String, Object> body =
        request(weight, List.of(query("A", data.counter, "sum", null, null)));
    body.put("equations", List.of(Map.of("label", "f1", "expression", "A * 2")));
    body.put("compare", "previous_period");
    JsonNode series = Api.post(PATH, body, tenant.bearer(), 200).get("series");
    List<Double> previous =
        Reference.series(
            events(weight), data.counter, "sum", e -> true, START - 7200, INTERVAL, BUCKETS);
    assertTrue(
        previous.get(BUCKETS - 1) > 0 || weight > 1,
        "the previous period has data up to its last millisecond");
    Api.assertValues(
        expected(weight, data.counter, "sum", e -> true), series.get(0).get("values"), "current");
    Api.assertValues(previous, series.get(0).get("previous"), "previous");
    Api.assertValues(
        previous.stream().map(v -> v * 2).toList(),
        series.get(1).get("previous"),
        "previous of f1");
  }

  @Test
  void defaultIntervalGivesAtMostThreeHundredAlignedPoints() {
    Map<String, Object> body = request(1, List.of(query("A", data.counter, "sum", null, null)));
    body.remove("interval");
    body.put("start", Instant.ofEpochSecond(START + 17).toString());
    JsonNode answer = Api.post(PATH, body, tenant.bearer(), 200);
    long interval = answer.get("intervalSeconds").asLong();
    assertEquals(30, interval, "two hours in 30-second buckets is 240 points");
    assertEquals(
        Instant.ofEpochSecond(START).toString(),
        answer.get("start").asText(),
        "start widened to its bucket");
    assertEquals(240, answer.get("timestamps").size());
    answer.get("timestamps").forEach(t -> assertEquals(0, t.asLong() % (interval * 1000)));
  }

  @Test
  void rejectsInvalidRequestsWithFourHundredNamingTheField() {
    Object[][] cases = {
      {List.of(query("A", data.distribution, "count", "region:eu (", null)), null, "position 12"},
      {List.of(query("A", data.distribution, "count", "region", null)), null, "queries[0].filter"},
      {List.of(query("A", data.counter, "p95", null, null)), null, "does not apply to the counter"},
      {List.of(query("A", data.gauge, "count", null, null)), null, "does not apply to the gauge"},
      {List.of(query("A", data.distribution, "median", null, null)), null, "queries[0].aggregate"},
      {List.of(query("a", data.distribution, "count", null, null)), null, "queries[0].label"},
      {
        List.of(query("A", data.distribution, "count", null, null)),
        List.of(Map.of("label", "f1", "expression", "A / Q")),
        "unknown label 'Q'"
      },
      {
        List.of(query("A", data.distribution, "count", null, null)),
        List.of(
            Map.of("label", "f1", "expression", "A + f2"),
            Map.of("label", "f2", "expression", "f1 * 2")),
        "cycle"
      },
      {
        List.of(query("A", data.distribution, "count", null, null)),
        List.of(Map.of("label", "f1", "expression", "A +")),
        "position 4"
      },
      {
        List.of(
            query("A", data.distribution, "count", null, List.of("region")),
            query("B", data.distribution, "count", null, null)),
        List.of(Map.of("label", "f1", "expression", "A / B")),
        "same groupBy"
      },
    };
    for (Object[] c : cases) {
      @SuppressWarnings("unchecked")
      Map<String, Object> body = request(1, (List<Map<String, Object>>) c[0]);
      if (c[1] != null) {
        body.put("equations", c[1]);
      }
      JsonNode error = Api.post(PATH, body, tenant.bearer(), 400);
      assertEquals(400, error.get("status").asInt());
      assertTrue(
          error.get("message").asText().contains((String) c[2]),
          error.get("message").asText() + " should contain " + c[2]);
    }
  }
}
