package dev.appmetrics.query.heatmap;

import dev.appmetrics.query.sql.Sql;
import dev.appmetrics.query.sql.Statement;
import dev.appmetrics.query.timeseries.Selection;
import dev.appmetrics.query.timeseries.TimeseriesSql;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The two statements of a heatmap, over the rows a timeseries selection reads (same WHERE, buckets and groups, built
 * by {@link TimeseriesSql}): the positive values' bounds, which place the value buckets, then the weighted count per
 * time bucket, group and value bucket. A row's value bucket is the number of edges at or below its value (a sum of
 * one comparison per edge, about 0.25 s of analysis on 18.16 for 100 edges), counted against the same literals the samples filter {@code value:>=lo value:<hi} uses, so a cell and its samples agree.
 *
 * <p>Both read the table of the selection's tier and decode their columns by name: {@link #bounds} low, high and
 * events (of the positive values); {@link #cells} bucket, [is_other], g0..gN, cell (0: below the first edge, n + 1: at
 * or above the last), weight and events (the stored rows behind the weight).
 */
final class HeatmapSql {

  private HeatmapSql() {}

  /** The positive values' bounds, or none. */
  record Bounds(double low, double high, long events) {}

  /** One row of {@link #cells}. */
  record CellRow(
      long bucket, boolean other, List<String> group, int cell, double weight, long events) {}

  static Statement<Bounds> bounds(Selection s) {
    return new Statement<>(
        "SELECT minIf(value, value > 0) AS low, maxIf(value, value > 0) AS high, "
            + "countIf(value > 0) AS events\n"
            + "FROM "
            + s.tier().table()
            + "\n"
            + "WHERE "
            + TimeseriesSql.where(s)
            + "\n"
            + "FORMAT JSONCompact",
        row -> new Bounds(row.number("low"), row.number("high"), row.integer("events")));
  }

  static Statement<CellRow> cells(Selection s, List<Double> edges, List<List<String>> keptGroups) {
    List<String> select = new ArrayList<>();
    List<String> groupBy = new ArrayList<>();
    TimeseriesSql.bucketAndGroups(s, keptGroups, select, groupBy);
    // A sum of comparisons rather than arrayCount(edge -> value >= edge, […]): 18.16 cannot read
    // the value column
    // inside that lambda in a grouped statement.
    select.add(
        edges.stream()
                .map(edge -> "(value >= " + Sql.number(edge) + ")")
                .collect(Collectors.joining(" + "))
            + " AS cell");
    groupBy.add("cell");
    select.add("sum(1 / client_sample_rate) AS weight");
    select.add("count() AS events");
    return new Statement<>(
        TimeseriesSql.grouped(s, select, groupBy) + "\nFORMAT JSONCompact",
        row ->
            new CellRow(
                row.integer("bucket"),
                keptGroups != null && row.flag("is_other"),
                TimeseriesSql.groups(row, s),
                (int) row.integer("cell"),
                row.number("weight"),
                row.integer("events")));
  }
}
