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

  private static final MetricKind[] VALUES = values();

  private final String wireName = name().toLowerCase(Locale.ROOT);
  private final Optional<MetricKind> parsed = Optional.of(this);

  @JsonValue
  public String wireName() {
    return wireName;
  }

  @JsonCreator
  public static MetricKind fromWireName(String name) {
    return parse(name)
        .orElseThrow(() -> new IllegalArgumentException("unknown metric kind: " + name));
  }

  public static Optional<MetricKind> parse(String name) {
    if (name == null) {
      return Optional.empty();
    }
    // Every event passes here: the exact wire name first, without lower-casing a copy of it.
    for (MetricKind kind : VALUES) {
      if (kind.wireName.equals(name)) {
        return kind.parsed;
      }
    }
    for (MetricKind kind : VALUES) {
      if (kind.wireName().equals(name.toLowerCase(Locale.ROOT))) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}
