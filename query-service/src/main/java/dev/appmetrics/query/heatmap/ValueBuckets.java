package dev.appmetrics.query.heatmap;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The value axis of a heatmap: logarithmic bucket edges at round decimal numbers, from the finest series that covers
 * the values in at most the requested number of buckets (ten edges a decade, five, 1-2-5, every decade, then every
 * second, third, … decade). Round decimals read well on an axis, and the samples filter {@code value:>=lo value:<hi}
 * names a cell exactly: ClickHouse reads the same literal for both statements.
 */
final class ValueBuckets {

  static final int DEFAULT = 40;

  /** Each edge is a comparison in the statement; 100 keep its analysis on 18.16 near a quarter of a second. */
  static final int MAX = 100;

  /** Edges stay where {@code Sql.number} writes them and ClickHouse reads them; values beyond fall outside. */
  private static final double LOWEST = 1e-300;

  private static final double HIGHEST = 1e300;
  private static final String[][] SERIES = {
    {"1", "1.25", "1.6", "2", "2.5", "3.2", "4", "5", "6.3", "8"},
    {"1", "1.6", "2.5", "4", "6.3"},
    {"1", "2", "5"},
    {"1"}
  };

  private ValueBuckets() {}

  /**
   * Edges e0 < e1 < … < en with e0 <= min and max < en, n <= buckets (min and max positive, as clamped to 1e-300
   * and 1e300); bucket i holds the values in [ei, ei+1).
   */
  static List<Double> edges(double min, double max, int buckets) {
    double low = Math.max(min, LOWEST);
    double high = Math.min(Math.max(max, low), HIGHEST);
    for (String[] mantissas : SERIES) {
      List<Double> edges = edges(low, high, mantissas, 1);
      if (edges.size() - 1 <= buckets) {
        return edges;
      }
    }
    for (int decades = 2; ; decades++) {
      List<Double> edges = edges(low, high, SERIES[SERIES.length - 1], decades);
      if (edges.size() - 1 <= buckets) {
        return edges;
      }
    }
  }

  /** The series' edges from the last one at or below low to the first one above high, every {@code decades}. */
  private static List<Double> edges(double low, double high, String[] mantissas, int decades) {
    int first = Math.floorDiv((int) Math.floor(Math.log10(low)) - 1, decades) * decades;
    List<Double> edges = new ArrayList<>();
    for (int decade = first;
        edges.isEmpty() || edges.get(edges.size() - 1) <= high;
        decade += decades) {
      for (String mantissa : mantissas) {
        double edge = new BigDecimal(mantissa).scaleByPowerOfTen(decade).doubleValue();
        if (edge <= low) {
          edges.clear();
        }
        if (edges.isEmpty() || edges.get(edges.size() - 1) <= high) {
          edges.add(edge);
        }
      }
    }
    // Decades wide apart may start below what ClickHouse reads; the lowest value it does is still
    // at or below low.
    edges.set(0, Math.max(edges.get(0), LOWEST));
    return edges;
  }
}
