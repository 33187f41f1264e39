package dev.appmetrics.ingest.event;

import java.util.List;
import java.util.Map;

/**
 * Typed custom attributes of an event, one map per type. Stored the same way in ClickHouse
 * (parallel key/value arrays per type), so a filter on an integer compares numbers, not text.
 */
public record Attributes(
    Map<String, String> strings,
    Map<String, Long> integers,
    Map<String, Double> doubles,
    Map<String, Boolean> booleans) {

  public static final Attributes EMPTY = new Attributes(Map.of(), Map.of(), Map.of(), Map.of());

  public Attributes {
    strings = strings == null ? Map.of() : strings;
    integers = integers == null ? Map.of() : integers;
    doubles = doubles == null ? Map.of() : doubles;
    booleans = booleans == null ? Map.of() : booleans;
  }

  /** The four maps, for rules that hold for every attribute whatever its type. */
  public List<Map<String, ?>> byType() {
    return List.of(strings, integers, doubles, booleans);
  }

  public int size() {
    return strings.size() + integers.size() + doubles.size() + booleans.size();
  }
}
