package dev.appmetrics.query.timeseries;

import dev.appmetrics.query.sampling.Tier;
import dev.appmetrics.query.sql.AttributeType;
import dev.appmetrics.query.sql.Statement;
import dev.appmetrics.query.time.TimeRange;
import dev.appmetrics.query.timeseries.MetricShapes.Shape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The statement behind {@link MetricShapes}: a metric's events, kinds, unit and group-by key types over the
 * primary-key range {@link TimeseriesSql} reads. Its columns, decoded by name: events, kinds, unit, then per key k and
 * {@link AttributeType} t a 0/1 k{k}_{t}.
 */
final class MetricShapeSql {

  private MetricShapeSql() {}

  /** What {@link #shape} found: the metric's events there and its shape. */
  record ShapeRow(long events, Shape shape) {}

  /**
   * A metric's shape over the range in a tier: whether it has events, its kinds, one non-empty unit, and for each key
   * whether each typed array holds it. It reads the kind and unit columns and the key arrays, once per cached lookup
   * ({@link MetricShapes}).
   */
  static Statement<ShapeRow> shape(
      Tier tier, List<Long> projects, String metric, List<String> keys, TimeRange range) {
    List<String> select =
        new ArrayList<>(
            List.of(
                "count() AS events",
                "groupUniqArray(toString(metric_kind)) AS kinds",
                "anyIf(unit, unit != '') AS unit"));
    for (int k = 0; k < keys.size(); k++) {
      for (AttributeType type : AttributeType.values()) {
        select.add("max(" + type.has(keys.get(k)) + ") AS " + typeColumn(k, type));
      }
    }
    String sql =
        "SELECT "
            + String.join(", ", select)
            + "\n"
            + "FROM "
            + tier.table()
            + "\n"
            + "WHERE "
            + TimeseriesSql.range(projects, metric, range)
            + "\n"
            + "FORMAT JSONCompact";
    return new Statement<>(
        sql,
        row -> {
          Set<String> kinds = new TreeSet<>();
          row.get("kinds").forEach(kind -> kinds.add(kind.asText()));
          Map<String, Set<AttributeType>> types = new HashMap<>();
          for (int k = 0; k < keys.size(); k++) {
            Set<AttributeType> found = EnumSet.noneOf(AttributeType.class);
            for (AttributeType type : AttributeType.values()) {
              if (row.flag(typeColumn(k, type))) {
                found.add(type);
              }
            }
            types.put(keys.get(k), Collections.unmodifiableSet(found));
          }
          String unit = row.text("unit");
          return new ShapeRow(
              row.integer("events"),
              new Shape(
                  Collections.unmodifiableSet(kinds),
                  unit.isEmpty() ? null : unit,
                  Map.copyOf(types)));
        });
  }

  private static String typeColumn(int key, AttributeType type) {
    return "k" + key + "_" + type.name().toLowerCase(Locale.ROOT);
  }
}
