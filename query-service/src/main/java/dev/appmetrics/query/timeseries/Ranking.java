package dev.appmetrics.query.timeseries;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The top groups of a top-N query, read from the rows of {@link TimeseriesSql#ranking} (one more than the limit), and
 * whether more groups exist than the limit. Without a top-N, {@link #NONE}.
 */
public record Ranking(List<List<String>> top, boolean more) {

  public static final Ranking NONE = new Ranking(null, false);

  /** The first {@code limit} rows' group values ({@code keys} columns). */
  public static Ranking of(List<JsonNode> rows, int limit, int keys) {
    List<List<String>> top = new ArrayList<>();
    for (JsonNode row : rows.subList(0, Math.min(limit, rows.size()))) {
      List<String> group = new ArrayList<>();
      for (int i = 0; i < keys; i++) {
        group.add(row.get(i).asText());
      }
      top.add(group);
    }
    return new Ranking(top, rows.size() > limit);
  }

  /** The groups a statement keeps apart when more exist than the limit (the rest folded into "other"), or null. */
  public List<List<String>> kept() {
    return more ? top : null;
  }
}
