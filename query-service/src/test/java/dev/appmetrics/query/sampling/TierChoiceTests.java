package dev.appmetrics.query.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appmetrics.common.error.ApiException;
import dev.appmetrics.query.time.TimeRange;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The tier rule without ClickHouse: the request field, the finest tier within the budget, the estimate's SQL. */
class TierChoiceTests {

  @Test
  void samplingNamesAutoOrATierAndAnythingElseListsTheAllowedValues() {
    assertEquals(Optional.empty(), Tier.forced(null));
    assertEquals(Optional.empty(), Tier.forced("auto"));
    assertEquals(Optional.of(Tier.EXACT), Tier.forced("exact"));
    assertEquals(Optional.of(Tier.DOWNSAMPLE_64), Tier.forced("downsample_64"));
    ApiException refused = assertThrows(ApiException.class, () -> Tier.forced("downsample_16"));
    assertEquals(400, refused.status());
    assertEquals(
        "'sampling' must be one of [auto, exact, downsample_8, downsample_64, downsample_512]",
        refused.getMessage());
  }

  @Test
  void theFinestTierWithinTheBudgetIsChosen() {
    long budget = 2_000_000;
    assertEquals(Tier.EXACT, TierChoice.finest(0, budget, Tier.EXACT));
    assertEquals(Tier.EXACT, TierChoice.finest(budget, budget, Tier.EXACT));
    assertEquals(Tier.DOWNSAMPLE_8, TierChoice.finest(budget + 1, budget, Tier.EXACT));
    assertEquals(Tier.DOWNSAMPLE_8, TierChoice.finest(8 * budget, budget, Tier.EXACT));
    assertEquals(
        Tier.DOWNSAMPLE_64,
        TierChoice.finest(100_000_000, budget, Tier.EXACT),
        "a month of 100 million events");
    assertEquals(Tier.DOWNSAMPLE_512, TierChoice.finest(64 * budget + 64, budget, Tier.EXACT));
    assertEquals(
        Tier.DOWNSAMPLE_512,
        TierChoice.finest(Long.MAX_VALUE, budget, Tier.EXACT),
        "the coarsest when none fits");
  }

  @Test
  void aRangeTheExactTableNoLongerHoldsWholeReadsATierWhateverTheEstimate() {
    assertEquals(Tier.DOWNSAMPLE_8, TierChoice.finest(0, 2_000_000, Tier.DOWNSAMPLE_8));
    assertEquals(Tier.DOWNSAMPLE_64, TierChoice.finest(100_000_000, 2_000_000, Tier.DOWNSAMPLE_8));
  }

  @Test
  void theEstimateCountsThe512TierOverThePrimaryKeyRange() {
    assertEquals(
        """
        SELECT count() AS stored
        FROM metric_events_downsample_512
        WHERE project_id IN (12, 7) AND metric_name IN ('a', 'it\\'s') AND timestamp >= toDateTime(1764064800) AND timestamp < toDateTime(1764072000)
        FORMAT JSONCompact""",
        TierChoice.estimate(
                List.of(12L, 7L), List.of("a", "it's"), new TimeRange(1764064800, 1764072000))
            .sql());
  }

  @Test
  void onlyATiersBucketsOnFewStoredEventsAreLowConfidence() {
    assertFalse(Tier.EXACT.lowConfidence(0));
    assertTrue(Tier.DOWNSAMPLE_8.lowConfidence(Tier.CONFIDENT_EVENTS - 1));
    assertFalse(Tier.DOWNSAMPLE_8.lowConfidence(Tier.CONFIDENT_EVENTS));
    assertEquals("metric_events", Tier.EXACT.table());
    assertEquals("metric_events_downsample_512", Tier.DOWNSAMPLE_512.table());
  }
}
