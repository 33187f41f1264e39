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

/** Reads what the writer stored in the test database, waiting for the expected number of rows of a project. */
@ApplicationScoped
public class StoredEvents {

  private final ClickHouseClient clickHouse;
  private final ObjectMapper json;

  public StoredEvents(ClickHouseClient clickHouse, ObjectMapper json) {
    this.clickHouse = clickHouse;
    this.json = json;
  }

  /** Every row of the project as JSON objects, ordered by time and name, once there are {@code expected} of them. */
  public List<JsonNode> await(long projectId, int expected) {
    Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
        .until(() -> count(projectId) >= expected);
    return rows(projectId);
  }

  public long count(long projectId) {
    return Long.parseLong(clickHouse.execute("SELECT count() FROM metric_events WHERE project_id = " + projectId
        + " FORMAT TabSeparated", "ingest-test", Map.of()).await().atMost(Duration.ofSeconds(30)).strip());
  }

  public List<JsonNode> rows(long projectId) {
    String body = clickHouse.execute("SELECT *, toUnixTimestamp(timestamp) AS timestamp_s FROM metric_events WHERE project_id = "
        + projectId + " ORDER BY timestamp_ms, metric_name, kafka_offset FORMAT JSONEachRow", "ingest-test",
        Map.of("output_format_json_quote_64bit_integers", "0")).await().atMost(Duration.ofSeconds(30));
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
