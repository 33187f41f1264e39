package dev.appmetrics.ingest.trace;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.appmetrics.ingest.event.Attributes;
import java.util.List;

/** Typed attributes as the trace tables store them: parallel key and value arrays per type, booleans as 0/1. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AttributeColumns(
    List<String> attrStringKeys,
    List<String> attrStringValues,
    List<String> attrIntKeys,
    List<Long> attrIntValues,
    List<String> attrDoubleKeys,
    List<Double> attrDoubleValues,
    List<String> attrBoolKeys,
    List<Integer> attrBoolValues) {

  public static AttributeColumns of(Attributes attributes) {
    // Keys and values come from one iteration of the same map, so the arrays stay aligned.
    return new AttributeColumns(
        List.copyOf(attributes.strings().keySet()),
        List.copyOf(attributes.strings().values()),
        List.copyOf(attributes.integers().keySet()),
        List.copyOf(attributes.integers().values()),
        List.copyOf(attributes.doubles().keySet()),
        List.copyOf(attributes.doubles().values()),
        List.copyOf(attributes.booleans().keySet()),
        attributes.booleans().values().stream().map(value -> value ? 1 : 0).toList());
  }
}
