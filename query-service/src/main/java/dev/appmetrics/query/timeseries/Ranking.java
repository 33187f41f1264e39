package dev.appmetrics.query.timeseries;

import java.util.List;

/**
 * The top groups of a top-N query, read from the groups {@link TimeseriesSql#ranking} answers (one more than the
 * limit), and whether more groups exist than the limit. Without a top-N, {@link #NONE}.
 */
public record Ranking(List<List<String>> top, boolean more) {

  public static final Ranking NONE = new Ranking(null, false);

  /** The first {@code limit} groups of the ranking statement's answer, in rank order. */
  public static Ranking of(List<List<String>> groups, int limit) {
    return new Ranking(
        List.copyOf(groups.subList(0, Math.min(limit, groups.size()))), groups.size() > limit);
  }

  /** The groups a statement keeps apart when more exist than the limit (the rest folded into "other"), or null. */
  public List<List<String>> kept() {
    return more ? top : null;
  }
}
