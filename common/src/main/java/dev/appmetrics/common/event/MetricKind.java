package dev.appmetrics.common.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/** The three kinds of metric the product knows; their aggregates differ. */
public enum MetricKind {
  COUNTER,
  GAUGE,
  DISTRIBUTION;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static MetricKind fromWireName(String name) {
    return parse(name).orElseThrow(() -> new IllegalArgumentException("unknown metric kind: " + name));
  }

  public static Optional<MetricKind> parse(String name) {
    if (name == null) {
      return Optional.empty();
    }
    for (MetricKind kind : values()) {
      if (kind.wireName().equals(name.toLowerCase(Locale.ROOT))) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}
