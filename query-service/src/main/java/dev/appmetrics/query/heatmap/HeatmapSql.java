package dev.appmetrics.query.heatmap;

import dev.appmetrics.query.sql.Sql;
import dev.appmetrics.query.timeseries.TimeseriesSql;
import dev.appmetrics.query.timeseries.TimeseriesSql.Selection;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The two statements of a heatmap, over the rows a timeseries selection reads (same WHERE, buckets and groups, built
 * by {@link TimeseriesSql}): the positive values' bounds, which place the value buckets, then the weighted count per
 * time bucket, group and value bucket. A row's value bucket is the number of edges at or below its value (a sum of
 * one comparison per edge, about 0.25 s of analysis on 18.16 for 100 edges), counted against the same literals the samples filter {@code value:>=lo value:<hi} uses, so a cell and its samples agree.
 *
 * <p>Columns of {@link #bounds}: min, max, events (of the positive values). Columns of {@link #cells}: bucket,
 * [is_other], g0..gN, cell (0: below the first edge, n + 1: at or above the last), weight.
 */
final class HeatmapSql {

  private HeatmapSql() {}

  static String bounds(Selection s) {
    return "SELECT minIf(value, value > 0), maxIf(value, value > 0), countIf(value > 0)\n"
        + "FROM " + TimeseriesSql.TABLE + "\n"
        + "WHERE " + TimeseriesSql.where(s) + "\n"
        + "FORMAT JSONCompact";
  }

  static String cells(Selection s, List<Double> edges, List<List<String>> keptGroups) {
    List<String> select = new ArrayList<>();
    List<String> groupBy = new ArrayList<>();
    TimeseriesSql.bucketAndGroups(s, keptGroups, select, groupBy);
    // A sum of comparisons rather than arrayCount(edge -> value >= edge, […]): 18.16 cannot read the value column
    // inside that lambda in a grouped statement.
    select.add(edges.stream().map(edge -> "(value >= " + Sql.number(edge) + ")").collect(Collectors.joining(" + "))
        + " AS cell");
    groupBy.add("cell");
    select.add("sum(1 / client_sample_rate) AS weight");
    return "SELECT " + String.join(", ", select) + "\n"
        + "FROM " + TimeseriesSql.TABLE + "\n"
        + "WHERE " + TimeseriesSql.where(s) + "\n"
        + "GROUP BY " + String.join(", ", groupBy) + "\n"
        + "FORMAT JSONCompact";
  }
}
