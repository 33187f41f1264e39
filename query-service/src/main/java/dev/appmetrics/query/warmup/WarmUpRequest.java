package dev.appmetrics.query.warmup;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/** One of the Explorer's typical requests: a grouped percentile, counts with an equation, a samples page. */
record WarmUpRequest(String path, JsonObject body) {

  static List<WarmUpRequest> typical(WarmUpTarget target, Instant start, Instant end) {
    JsonObject range =
        new JsonObject()
            .put("projects", new JsonArray().add(target.project()))
            .put("start", start.toString())
            .put("end", end.toString());
    String metric = target.metric();
    JsonArray ratio =
        new JsonArray().add(new JsonObject().put("label", "f1").put("expression", "A / B"));
    return List.of(
        timeseries(
            range,
            new JsonArray()
                .add(query("A", metric, "p95").put("groupBy", List.of(target.attributeKey())))),
        timeseries(
            range.copy().put("equations", ratio),
            new JsonArray()
                .add(query("A", metric, "count").put("filter", "value:<100"))
                .add(query("B", metric, "count"))),
        new WarmUpRequest(
            "/api/v1/query/samples",
            range
                .copy()
                .put("metric", metric)
                .put("filter", target.attributeKey() + ":" + quoted(target.attributeValue()))
                .put("limit", 50)));
  }

  private static WarmUpRequest timeseries(JsonObject range, JsonArray queries) {
    return new WarmUpRequest("/api/v1/query/timeseries", range.copy().put("queries", queries));
  }

  private static JsonObject query(String label, String metric, String aggregate) {
    return new JsonObject().put("label", label).put("metric", metric).put("aggregate", aggregate);
  }

  /** A filter value in quotes, whatever it holds. */
  private static String quoted(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
