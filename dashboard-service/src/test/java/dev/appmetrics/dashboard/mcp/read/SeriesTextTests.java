package dev.appmetrics.dashboard.mcp.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The MCP text of a timeseries answer says when a downsampled tier answered it, and says nothing otherwise. */
class SeriesTextTests {

  static JsonNode answer(String tier, int weight) throws Exception {
    return new ObjectMapper()
        .readTree(
            """
        {"start": "2026-12-01T00:00:00Z", "end": "2026-12-01T02:00:00Z", "intervalSeconds": 3600,
         "timestamps": [1764547200000, 1764550800000],
         "sampling": {"tier": "%s", "weight": %d, "requested": "auto", "storedEvents": 130},
         "series": [{"label": "A", "type": "query", "metric": "m", "aggregate": "count", "unit": null, "group": {},
                     "other": false, "values": [240.0, 800.0], "storedEvents": [30, 100],
                     "lowConfidence": [true, false]}]}"""
                .formatted(tier, weight));
  }

  @Test
  void aTiersAnswerNamesTheEventsItIsExtrapolatedFromAndItsLowConfidenceBuckets() throws Exception {
    String text = SeriesText.of(answer("downsample_8", 8), 10);
    assertEquals(
        "extrapolated from 130 stored events of the downsample_8 tier (1 in 8 kept); 1 low-confidence "
            + "buckets (fewer than 100 stored events); min, max and last are values of the sample",
        text.lines().toList().get(1));
  }

  @Test
  void anExactAnswerSaysNothingOfSampling() throws Exception {
    assertTrue(!SeriesText.of(answer("exact", 1), 10).contains("extrapolated"));
  }
}
