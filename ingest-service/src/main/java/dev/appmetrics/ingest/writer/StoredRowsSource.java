package dev.appmetrics.ingest.writer;

import dev.appmetrics.common.clickhouse.ClusterServers;
import java.util.Map;
import java.util.Optional;

/**
 * What the lookup of stored rows ({@link StoredRowFilter}) reads. On one server, the table. On a cluster, the table's
 * local copy on every server of every shard: a Distributed table reads one replica per shard, and an insert answered
 * by one replica a moment ago may not have reached its sibling yet, so a writer taking over a partition could miss
 * the rows its previous owner stored and insert them again. A server that does not answer is skipped; what only it
 * held before it died is the one case this cannot see (docs/scale-out.md).
 */
final class StoredRowsSource {

  private final WriterClickHouse clickHouse;
  private final Optional<String> cluster;

  /** host:port of every server of the cluster, read from system.clusters at the first lookup. */
  private String servers;

  StoredRowsSource(WriterClickHouse clickHouse, Optional<String> cluster) {
    this.clickHouse = clickHouse;
    this.cluster = cluster.filter(name -> !name.isBlank());
  }

  /** The FROM of a lookup in {@code table}. Called by the writer thread only. */
  String from(String table) {
    if (cluster.isEmpty()) {
      return table;
    }
    if (servers == null) {
      servers = clickHouse.servers(cluster.get());
    }
    return "remote('" + servers + "', " + clickHouse.database() + ", " + table + "_local)";
  }

  /** A server of the cluster that is down is left out of the lookup rather than failing it. */
  Map<String, String> settings() {
    return cluster.isEmpty() ? Map.of() : ClusterServers.SKIP_UNAVAILABLE;
  }
}
