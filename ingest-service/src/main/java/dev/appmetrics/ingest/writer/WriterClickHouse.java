package dev.appmetrics.ingest.writer;

import dev.appmetrics.common.clickhouse.ClickHouseClient;
import dev.appmetrics.common.clickhouse.ClusterServers;
import io.vertx.mutiny.core.buffer.Buffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The writer's statements to ClickHouse: blocking, since the writer thread waits for each answer before it commits
 * offsets, each bounded by one timeout and tagged with the writer as its sender.
 */
final class WriterClickHouse {

  private static final String SENDER = "ingest-writer";
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final ClickHouseClient clickHouse;

  WriterClickHouse(ClickHouseClient clickHouse) {
    this.clickHouse = clickHouse;
  }

  String query(String sql, Map<String, String> settings) {
    return clickHouse.query(sql, SENDER, settings).await().atMost(TIMEOUT);
  }

  void insertJsonEachRow(String table, List<Buffer> rows) {
    clickHouse.insertJsonEachRow(table, rows, SENDER, Map.of()).await().atMost(TIMEOUT);
  }

  void insertNative(String table, List<String> columns, List<Buffer> block) {
    clickHouse.insertNative(table, columns, block, SENDER, Map.of()).await().atMost(TIMEOUT);
  }

  /** The cluster's servers ({@link ClusterServers#of}). */
  String servers(String cluster) {
    return ClusterServers.of(clickHouse, cluster, SENDER, TIMEOUT);
  }

  String database() {
    return clickHouse.database();
  }
}
