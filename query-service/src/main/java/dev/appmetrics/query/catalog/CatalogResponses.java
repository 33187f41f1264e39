package dev.appmetrics.query.catalog;

import java.util.List;
import java.util.Map;

/** The answers of the catalog endpoints. */
public final class CatalogResponses {

  private CatalogResponses() {}

  /** {@code count}: events stored in the period (not extrapolated by sample rate). */
  public record Metric(String name, String kind, String unit, String lastSeen, long count) {}

  public record Metrics(List<Metric> metrics) {}

  /** {@code type}: string, integer, double or boolean; a key sent with two types appears twice. */
  public record Attribute(String key, String type) {}

  public record Attributes(List<Attribute> attributes) {}

  public record Value(String value, long count) {}

  public record Values(List<Value> values) {}

  /** The aggregates each metric kind takes, by kind's wire name; the first of a kind is its natural default. */
  public record Aggregates(Map<String, List<String>> aggregates) {}
}
