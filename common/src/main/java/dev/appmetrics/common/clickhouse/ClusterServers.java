package dev.appmetrics.common.clickhouse;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every server of a cluster, for a statement that must see each replica's own tables rather than one replica per
 * shard, as a Distributed table reads: {@code remote('<servers>', db, table)} with {@code skip_unavailable_shards}
 * reads all of them and leaves out one that does not answer.
 */
public final class ClusterServers {

  /** The setting that lets such a read go on without a server that is down. */
  public static final Map<String, String> SKIP_UNAVAILABLE = Map.of("skip_unavailable_shards", "1");

  private ClusterServers() {}

  /** {@code host:port,host:port,...} of the cluster's servers as system.clusters names them. */
  public static String of(
      ClickHouseClient clickHouse, String cluster, String sender, Duration timeout) {
    return clickHouse
        .query(
            "SELECT host_name, port FROM system.clusters WHERE cluster = '"
                + cluster
                + "' FORMAT TabSeparated",
            sender,
            Map.of())
        .await()
        .atMost(timeout)
        .lines()
        .filter(line -> !line.isBlank())
        .map(line -> line.replace('\t', ':'))
        .collect(Collectors.joining(","));
  }
}
