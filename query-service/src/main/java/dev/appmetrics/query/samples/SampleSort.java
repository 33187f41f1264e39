package dev.appmetrics.query.samples;

import java.util.Optional;

/** The orders a samples page may be read in; each is total (ties broken down to the Kafka offset) so pages never overlap. */
public enum SampleSort {
  NEWEST("-timestamp", "timestamp_ms DESC, value DESC", "timestamp", true),
  OLDEST("timestamp", "timestamp_ms ASC, value ASC", "timestamp", false),
  LARGEST("-value", "value DESC, timestamp_ms DESC", "value", true),
  SMALLEST("value", "value ASC, timestamp_ms ASC", "value", false);

  private static final String TIE_BREAK =
      ", project_id, trace_id, span_id, kafka_partition, kafka_offset";

  private final String wireName;
  private final String orderBy;
  private final String boundColumn;
  private final boolean descending;

  SampleSort(String wireName, String orderBy, String boundColumn, boolean descending) {
    this.wireName = wireName;
    this.orderBy = orderBy + TIE_BREAK;
    this.boundColumn = boundColumn;
    this.descending = descending;
  }

  public static Optional<SampleSort> parse(String name) {
    for (SampleSort sort : values()) {
      if (sort.wireName.equals(name)) {
        return Optional.of(sort);
      }
    }
    return Optional.empty();
  }

  public String wireName() {
    return wireName;
  }

  public String orderBy() {
    return orderBy;
  }

  /**
   * A column that never goes against this order: {@code timestamp} (timestamp_ms in whole seconds, as the writer
   * stores it, and the primary key's) for the time orders, {@code value} for the value orders.
   */
  public String boundColumn() {
    return boundColumn;
  }

  public boolean descending() {
    return descending;
  }
}
