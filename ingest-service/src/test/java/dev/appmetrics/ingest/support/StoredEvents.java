package dev.appmetrics.ingest.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appmetrics.common.clickhouse.ClickHouseClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;

/**
 * Reads what the writer stored in the test database (metric_events unless a trace table is named), waiting for the
 * expected number of rows of a project.
 */
@ApplicationScoped
public class StoredEvents {

  private final ClickHouseClient clickHouse;
  private final ObjectMapper json;

  public StoredEvents(ClickHouseClient clickHouse, ObjectMapper json) {
    this.clickHouse = clickHouse;
    this.json = json;
  }

  /** Every row of the project as JSON objects, ordered by time and name, once there are {@code expected} of them. */
  private static final String METRICS = "metric_events";

  public List<JsonNode> await(long projectId, int expected) {
    return await(METRICS, projectId, expected);
  }

  /** The table's rows of the project in the order they were consumed, once there are {@code expected} of them. */
  public List<JsonNode> await(String table, long projectId, int expected) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> count(table, projectId) >= expected);
    return rows(table, projectId);
  }

  public long count(long projectId) {
    return count(METRICS, projectId);
  }

  public long count(String table, long projectId) {
    return Long.parseLong(
        clickHouse
            .execute(
                "SELECT count() FROM "
                    + table
                    + " WHERE project_id = "
                    + projectId
                    + " FORMAT TabSeparated",
                "ingest-test",
                Map.of())
            .await()
            .atMost(Duration.ofSeconds(30))
            .strip());
  }

  public List<JsonNode> rows(long projectId) {
    return rows(METRICS, projectId);
  }

  public List<JsonNode> rows(String table, long projectId) {
    String order =
        table.equals(METRICS)
            ? "timestamp_ms, metric_name, kafka_offset"
            : "kafka_partition, kafka_offset";
    String body =
        clickHouse
            .execute(
                "SELECT *, toUnixTimestamp(timestamp) AS timestamp_s FROM "
                    + table
                    + " WHERE project_id = "
                    + projectId
                    + " ORDER BY "
                    + order
                    + " FORMAT JSONEachRow",
                "ingest-test",
                Map.of("output_format_json_quote_64bit_integers", "0"))
            .await()
            .atMost(Duration.ofSeconds(30));
    List<JsonNode> rows = new ArrayList<>();
    for (String line : body.split("\n")) {
      if (!line.isBlank()) {
        try {
          rows.add(json.readTree(line));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return rows;
  }
}
