package dev.appmetrics.query.samples;

import java.util.Optional;

/** The orders a samples page may be read in; each is total (ties broken down to the Kafka offset) so pages never overlap. */
public enum SampleSort {
  NEWEST("-timestamp", "timestamp_ms DESC, value DESC"),
  OLDEST("timestamp", "timestamp_ms ASC, value ASC"),
  LARGEST("-value", "value DESC, timestamp_ms DESC"),
  SMALLEST("value", "value ASC, timestamp_ms ASC");

  private static final String TIE_BREAK = ", project_id, trace_id, span_id, kafka_partition, kafka_offset";

  private final String wireName;
  private final String orderBy;

  SampleSort(String wireName, String orderBy) {
    this.wireName = wireName;
    this.orderBy = orderBy + TIE_BREAK;
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
}
