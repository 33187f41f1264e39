package dev.appmetrics.query.sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appmetrics.common.clickhouse.ClickHouseClient;
import dev.appmetrics.query.config.QueryConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs read-only SQL in the QUERY settings profile and returns the rows of its JSONCompact answer. readonly=2
 * forbids writes while still letting this profile's own limits travel as settings; results beyond the row limit
 * fail rather than truncate, so an answer is never silently partial.
 */
@ApplicationScoped
public class ClickHouseReader {

  static final int MAX_QUERY_BYTES = 1 << 20;

  private final ClickHouseClient clickHouse;
  private final ObjectMapper json;
  private final Map<String, String> profile;

  public ClickHouseReader(ClickHouseClient clickHouse, ObjectMapper json, QueryConfig config) {
    this.clickHouse = clickHouse;
    this.json = json;
    this.profile = Map.of(
        "readonly", "2",
        "max_execution_time", Long.toString(config.maxExecutionTime().toSeconds()),
        "max_result_rows", Long.toString(config.maxResultRows()),
        "result_overflow_mode", "throw",
        // Filters within FilterLimits keep a statement's syntax tree under ClickHouse's 50,000 elements, but their
        // text (keys and values of up to 4,096 characters, copied into each place a filter is used) may pass the
        // default 256 KiB.
        "max_query_size", Integer.toString(MAX_QUERY_BYTES));
  }

  /** The rows of a statement ending in {@code FORMAT JSONCompact}; {@code sender} becomes the query_id's prefix. */
  public Uni<List<JsonNode>> rows(String sql, String sender) {
    return clickHouse.query(sql, sender, profile).map(this::parse);
  }

  private List<JsonNode> parse(String body) {
    try {
      JsonNode data = json.readTree(body).path("data");
      List<JsonNode> rows = new ArrayList<>(data.size());
      data.forEach(rows::add);
      return rows;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("ClickHouse answered with unreadable JSON", e);
    }
  }
}
