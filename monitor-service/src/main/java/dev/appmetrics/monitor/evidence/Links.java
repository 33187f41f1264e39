package dev.appmetrics.monitor.evidence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appmetrics.monitor.definition.MonitorQuery;
import dev.appmetrics.monitor.query.TimeseriesRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Links into the UI (dashboard-service, through which the trace API is served too) from {@code base}, the address
 * people open it at: the Explorer showing a monitor's queries over a breach window (the Explorer keeps its whole state
 * in the {@code state} parameter), and an event's trace, whose view offers comparable traces when it was not stored.
 */
public record Links(String base) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public Links {
    base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  public String explorer(MonitorQuery query, Instant start, Instant end) {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("projects", query.projects());
    state.put("start", start.toString());
    state.put("end", end.toString());
    state.put("interval", query.interval());
    state.put("queries", query.queries().stream().map(Links::explorerQuery).toList());
    state.put("equations", query.equations());
    try {
      return base + "/explorer?state=" + encode(JSON.writeValueAsString(state));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write the Explorer's state", e);
    }
  }

  public String trace(long projectId, String traceId, String spanId, Instant at) {
    return base
        + "/traces/"
        + encode(traceId)
        + "?project="
        + projectId
        + "&span="
        + encode(spanId)
        + "&at="
        + encode(at.toString());
  }

  public String traceApi(long projectId, String traceId, Instant at) {
    return base
        + "/api/v1/traces/"
        + encode(traceId)
        + "?project="
        + projectId
        + "&at="
        + encode(at.toString());
  }

  /** As the Explorer's own state has a query: filter and groupBy always present. */
  private static Map<String, Object> explorerQuery(TimeseriesRequest.Query query) {
    Map<String, Object> explorer = new LinkedHashMap<>();
    explorer.put("label", query.label());
    explorer.put("metric", query.metric());
    explorer.put("aggregate", query.aggregate());
    explorer.put("filter", query.filter() == null ? "" : query.filter());
    explorer.put("groupBy", query.groupBy() == null ? List.of() : query.groupBy());
    return explorer;
  }

  private static String encode(String text) {
    return URLEncoder.encode(text == null ? "" : text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
