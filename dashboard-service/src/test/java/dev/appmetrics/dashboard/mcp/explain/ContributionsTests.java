package dev.appmetrics.dashboard.mcp.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.appmetrics.dashboard.mcp.explain.Contributions.Group;
import dev.appmetrics.dashboard.mcp.explain.Contributions.Side;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContributionsTests {

  @Test
  void avgContributionsAddUpToTheChangeOfTheMean() {
    // Baseline: a (10 events at 100), b (30 at 50): mean 62.5. Window: a at 300, b unchanged: mean
    // 112.5.
    List<Group> groups =
        Contributions.rank(
            Aggregation.of("avg"),
            Map.of("a", new Side(300.0, 10), "b", new Side(50.0, 30)),
            Map.of("a", new Side(100.0, 10), "b", new Side(50.0, 30)));
    assertEquals("a", groups.get(0).value());
    assertEquals(50.0, groups.get(0).contribution(), 1e-9);
    assertEquals(0.0, groups.get(1).contribution(), 1e-9);
  }

  @Test
  void aGroupThatAppearsContributesItsWholeValue() {
    List<Group> groups =
        Contributions.rank(Aggregation.of("sum"), Map.of("new", new Side(40.0, 4)), Map.of());
    assertEquals(40.0, groups.get(0).contribution());
    assertNull(groups.get(0).baseline().value());
  }

  @Test
  void largerMovesRankFirstWhateverTheirSign() {
    List<Group> groups =
        Contributions.rank(
            Aggregation.of("count"),
            Map.of("up", new Side(12.0, 12), "down", new Side(0.0, 0)),
            Map.of("up", new Side(10.0, 10), "down", new Side(9.0, 9)));
    assertEquals(List.of("down", "up"), groups.stream().map(Group::value).toList());
  }

  @Test
  void bucketsCombineAsTheWholeWindowWould() {
    List<Double> values = Arrays.asList(10.0, null, 40.0);
    List<Double> perSecond = Arrays.asList(0.1, 0.0, 0.3);
    assertEquals(32.5, Aggregation.of("avg").combine(values, perSecond), 1e-9);
    assertEquals(50.0, Aggregation.of("sum").combine(values, perSecond));
    assertEquals(50.0 / 3, Aggregation.of("per_second").combine(values, perSecond), 1e-9);
    assertEquals(10.0, Aggregation.of("min").combine(values, perSecond));
    assertEquals(40.0, Aggregation.of("last").combine(values, perSecond));
    assertNull(Aggregation.of("p95").combine(Arrays.asList(null, null), Arrays.asList(0.0, 0.0)));
  }

  @Test
  void windowsAlignToOneBucketWidthAndTheBaselineEndsWhereTheWindowStarts() {
    ChangeWindows windows =
        ChangeWindows.of(
            Instant.parse("2026-11-25T10:00:10Z"), Instant.parse("2026-11-25T11:00:10Z"), null);
    assertEquals(Duration.ofSeconds(30), windows.bucket());
    assertEquals(Instant.parse("2026-11-25T10:00:00Z"), windows.start());
    assertEquals(Instant.parse("2026-11-25T11:00:30Z"), windows.end());
    assertEquals(windows.start(), windows.baselineEnd());
    assertEquals(
        windows.length(), Duration.between(windows.baselineStart(), windows.baselineEnd()));
  }
}
