package dev.appmetrics.query.timeseries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.appmetrics.common.error.ApiException;
import dev.appmetrics.query.time.TimeRange;
import dev.appmetrics.query.timeseries.TimeseriesPlan.PlannedQuery;
import dev.appmetrics.query.timeseries.TimeseriesRequest.Query;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TimeseriesPlanTests {

  static final TimeRange RANGE = new TimeRange(1_764_064_800, 1_764_068_400);

  static Query count(String label, String metric, String filter) {
    return new Query(
        label, metric, "count", filter == null ? null : new TextNode(filter), null, null, null);
  }

  /** Thirty terms on keys of their own. */
  static String terms(String prefix) {
    return IntStream.range(0, 30).mapToObj(i -> prefix + i + ":1").collect(Collectors.joining(" "));
  }

  static TimeseriesPlan plan(Query... queries) {
    return TimeseriesPlan.of(
        new TimeseriesRequest(
            List.of(1L), null, null, "1h", null, List.of(queries), null, null, null, null),
        RANGE,
        10_000,
        90 * 86_400);
  }

  static List<List<String>> labels(List<List<PlannedQuery>> statements) {
    return statements.stream().map(s -> s.stream().map(PlannedQuery::label).toList()).toList();
  }

  @Test
  void queriesOfOneMetricShareAStatementWhileTheirFiltersTogetherMeetTheLimitsOfOne() {
    TimeseriesPlan plan =
        plan(
            count("A", "m", terms("a")),
            count("B", "m", terms("b")),
            count("C", "m", null),
            count("D", "m", terms("a")),
            count("E", "other", terms("a")));

    assertEquals(
        List.of(List.of("A", "C", "D"), List.of("B"), List.of("E")),
        labels(plan.sharedStatements()));
  }

  @Test
  void anIntervalLongerThanTheLongestRangeIsRefused() {
    TimeseriesRequest request =
        new TimeseriesRequest(
            List.of(1L),
            null,
            null,
            "1h",
            "9999999d",
            List.of(count("A", "m", null)),
            null,
            null,
            null,
            null);

    assertEquals(
        "'interval' must be at most 90 days",
        assertThrows(
                ApiException.class, () -> TimeseriesPlan.of(request, RANGE, 10_000, 90 * 86_400))
            .getMessage());
  }

  @Test
  void theApdexQueriesShareOneStatement() {
    TimeseriesPlan plan =
        plan(
            count("A", "m", "value:<100"),
            count("B", "m", "value:>=100 value:<400"),
            count("C", "m", null));

    assertEquals(List.of(List.of("A", "B", "C")), labels(plan.sharedStatements()));
  }
}
