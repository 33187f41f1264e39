package dev.appmetrics.query.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appmetrics.common.clickhouse.ClickHouseClient;
import dev.appmetrics.common.testing.GrantPublisher;
import dev.appmetrics.query.support.Api;
import dev.appmetrics.query.support.Tenant;
import dev.appmetrics.query.support.TestEvent;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Wildcard filters against ClickHouse: {@code *} matches any text, and the characters LIKE would treat as wildcards
 * ({@code %}, {@code _}) or escapes (backslash) match only themselves. Expected routes come from a regular
 * expression built in the test, not from the SQL.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WildcardFilterTest {

  static final long START = 1_767_571_200L;
  static final List<String> ROUTES =
      List.of(
          "/a", "/a/b", "/ab", "/b/a", "/x", "50%off", "50xoff", "a_b", "axb", "c\\d", "cxd", "");

  @Inject GrantPublisher grants;
  @Inject ClickHouseClient clickHouse;
  @Inject ObjectMapper json;

  Tenant tenant;
  String metric;

  @BeforeAll
  void writeEvents() throws Exception {
    tenant = Tenant.create(grants);
    metric = "wildcard." + UUID.randomUUID().toString().substring(0, 8);
    List<TestEvent> events = new ArrayList<>();
    for (int i = 0; i < ROUTES.size(); i++) {
      events.add(
          new TestEvent(
              tenant.projectId(),
              metric,
              "distribution",
              "millisecond",
              (START + i) * 1000L,
              i,
              1.0,
              "0".repeat(32),
              "0".repeat(16),
              Map.of("route", ROUTES.get(i)),
              Map.of(),
              Map.of(),
              Map.of()));
    }
    // An event without the attribute: only a negation matches it.
    events.add(
        new TestEvent(
            tenant.projectId(),
            metric,
            "distribution",
            "millisecond",
            (START + 99) * 1000L,
            99,
            1.0,
            "0".repeat(32),
            "0".repeat(16),
            Map.of(),
            Map.of(),
            Map.of(),
            Map.of()));
    tenant.insert(clickHouse, json, events);
  }

  /** The routes of the samples the filter selects; "(none)" for the event without a route. */
  TreeSet<String> routes(Object filter) {
    JsonNode page =
        Api.post(
            "/api/v1/query/samples",
            Map.of(
                "projects",
                List.of(tenant.projectId()),
                "start",
                Instant.ofEpochSecond(START).toString(),
                "end",
                Instant.ofEpochSecond(START + 3600).toString(),
                "metric",
                metric,
                "filter",
                filter,
                "limit",
                1000),
            tenant.bearer(),
            200);
    TreeSet<String> routes = new TreeSet<>();
    page.get("samples")
        .forEach(s -> routes.add(s.get("attributes").path("route").asText("(none)")));
    return routes;
  }

  /** The routes the wildcard pattern matches, by a regular expression of quoted literal parts. */
  static TreeSet<String> expected(String wildcard, boolean negated) {
    Pattern pattern =
        Pattern.compile(
            Stream.of(wildcard.split("\\*", -1))
                .map(Pattern::quote)
                .collect(Collectors.joining(".*")),
            Pattern.DOTALL);
    TreeSet<String> routes =
        ROUTES.stream()
            .filter(r -> pattern.matcher(r).matches() != negated)
            .collect(Collectors.toCollection(TreeSet::new));
    if (negated) {
      routes.add("(none)");
    }
    return routes;
  }

  @Test
  void aPrefixMatchesTheRoutesStartingWithIt() {
    assertEquals(new TreeSet<>(List.of("/a", "/a/b", "/ab")), routes("route:/a*"));
    assertEquals(expected("/a*", false), routes("route:/a*"));
  }

  @Test
  void aPartMatchesAnywhere() {
    assertEquals(expected("*a*", false), routes("route:*a*"));
    assertEquals(expected("*/*", false), routes("route:*/*"));
  }

  @Test
  void percentUnderscoreAndBackslashAreLiteral() {
    assertEquals(new TreeSet<>(List.of("50%off")), routes("route:50%*"));
    assertEquals(new TreeSet<>(List.of("a_b")), routes("route:a_*"));
    assertEquals(new TreeSet<>(List.of("c\\d")), routes("route:c\\*"));
    assertEquals(expected("%*", false), routes("route:%*"));
  }

  @Test
  void aNegatedWildcardMatchesTheRestAndEventsWithoutTheAttribute() {
    assertEquals(expected("/a*", true), routes("!route:/a*"));
  }

  @Test
  void aQuotedStarIsLiteralAndAStarAloneMatchesEveryRoute() {
    assertEquals(new TreeSet<>(), routes("route:\"/a*\""));
    assertEquals(new TreeSet<>(ROUTES), routes("route:*"));
  }

  @Test
  void theJsonFormMatchesAsTheText() {
    assertEquals(
        routes("route:/a*"), routes(Map.of("key", "route", "op", "match", "value", "/a*")));
    assertEquals(
        routes("route:*_*"), routes(Map.of("key", "route", "op", "match", "value", "*_*")));
    assertEquals(
        new TreeSet<>(List.of("a_b")),
        routes(Map.of("key", "route", "op", "match", "value", "*_*")));
  }
}
