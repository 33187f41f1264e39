package dev.appmetrics.ingest.retention;

import dev.appmetrics.common.clickhouse.ClickHouseClient;
import dev.appmetrics.common.clickhouse.ClickHouseConfig;
import dev.appmetrics.common.clickhouse.ClusterServers;
import dev.appmetrics.common.retention.Retention;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Drops the partitions whose rows all outlived their retention class. Tables are partitioned by
 * {@code (retention_days, toMonday(timestamp))}, whose partition ids read {@code <days>-<yyyyMMdd of the Monday>}, so
 * what expired is known from {@code system.parts} alone, without reading a row. A partition goes once its last
 * possible row is older than its class ({@link Retention#PARTITION_SLACK_DAYS}): a row is kept at least its class and
 * at most that many days longer. A partition already gone (another pod's run, a table emptied) is no error.
 *
 * <p>On a cluster the parts are each server's {@code <table>_local} ones, listed from every server ({@link
 * ClusterServers}: a Distributed table has no parts of its own), and a partition is dropped ON CLUSTER: once per shard,
 * which replication carries to the shard's other replicas; a shard without it has nothing to drop. The rows a
 * dropped partition reports are then counted on every replica.
 */
@ApplicationScoped
public class ExpiredPartitions {

  private static final Logger LOG = Logger.getLogger(ExpiredPartitions.class);
  static final List<String> TABLES =
      List.of(
          "metric_events",
          "spans",
          "logs",
          "errors",
          "metric_events_downsample_8",
          "metric_events_downsample_64",
          "metric_events_downsample_512",
          "spans_downsample_8",
          "spans_downsample_64",
          "spans_downsample_512");
  private static final String SENDER = "ingest-retention";
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final Pattern PARTITION_ID = Pattern.compile("(\\d+)-(\\d{8})");
  private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

  /** One dropped partition, as the log names it. */
  public record Dropped(
      String table, String partitionId, int retentionDays, LocalDate week, long rows) {}

  private final ClickHouseClient clickHouse;
  private final Optional<String> cluster;

  public ExpiredPartitions(ClickHouseClient clickHouse, ClickHouseConfig config) {
    this.clickHouse = clickHouse;
    this.cluster = config.cluster().filter(name -> !name.isBlank());
  }

  /** Drops every partition expired at {@code now}, logs each and returns them. */
  public List<Dropped> drop(Instant now) {
    List<Dropped> dropped = new ArrayList<>();
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    String parts =
        cluster
            .map(
                name ->
                    "remote('"
                        + ClusterServers.of(clickHouse, name, SENDER, TIMEOUT)
                        + "', system, "
                        + "parts)")
            .orElse("system.parts");
    for (String table : TABLES) {
      String stored = cluster.isPresent() ? table + "_local" : table;
      for (String line :
          run("SELECT partition_id, sum(rows) FROM "
                  + parts
                  + " WHERE database = '"
                  + clickHouse.database()
                  + "' AND table = '"
                  + stored
                  + "' AND active GROUP BY partition_id ORDER BY partition_id FORMAT TabSeparated")
              .lines()
              .filter(line -> !line.isBlank())
              .toList()) {
        String[] idAndRows = line.split("\t");
        expired(table, idAndRows[0], Long.parseLong(idAndRows[1]), today)
            .ifPresent(
                partition -> {
                  run(
                      "ALTER TABLE "
                          + stored
                          + cluster.map(name -> " ON CLUSTER " + name).orElse("")
                          + " DROP PARTITION ID '"
                          + partition.partitionId()
                          + "'");
                  LOG.infof(
                      "Retention: dropped partition %s of %s (class %d days, week of %s, %d rows)",
                      partition.partitionId(),
                      table,
                      partition.retentionDays(),
                      partition.week(),
                      partition.rows());
                  dropped.add(partition);
                });
      }
    }
    return dropped;
  }

  /** The partition if all of it expired by {@code today}; a partition id of another form is never touched. */
  static Optional<Dropped> expired(String table, String partitionId, long rows, LocalDate today) {
    Matcher id = PARTITION_ID.matcher(partitionId);
    if (!id.matches()) {
      return Optional.empty();
    }
    int days = Retention.orDefault(Integer.parseInt(id.group(1)));
    LocalDate week = LocalDate.parse(id.group(2), DAY);
    boolean expired = !week.plusDays(days + Retention.PARTITION_SLACK_DAYS).isAfter(today);
    return expired
        ? Optional.of(new Dropped(table, partitionId, days, week, rows))
        : Optional.empty();
  }

  private String run(String sql) {
    return clickHouse
        .execute(sql, SENDER, cluster.isPresent() ? ClusterServers.SKIP_UNAVAILABLE : Map.of())
        .await()
        .atMost(TIMEOUT);
  }
}
