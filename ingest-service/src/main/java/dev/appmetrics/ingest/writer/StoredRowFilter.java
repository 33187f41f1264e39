package dev.appmetrics.ingest.writer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appmetrics.ingest.event.RowColumn;
import io.micrometer.core.instrument.Counter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Exactly once: which rows of a batch ClickHouse already holds. After a partition is (re)assigned, or after an insert
 * whose outcome is unknown (ClickHouse went away mid-request), the partition is in doubt, and the rows of its next
 * batch are looked up by kafka_partition and kafka_offset; those found are dropped. Rows of partitions not in doubt
 * cost nothing.
 */
final class StoredRowFilter {

  private static final Logger LOG = Logger.getLogger(StoredRowFilter.class);

  private final WriterClickHouse clickHouse;
  private final StoredRowsSource source;
  private final ObjectMapper json;
  private final Counter duplicatesSkipped;

  /** Partitions whose next rows may already be in ClickHouse. Touched by the writer thread only. */
  private final Set<TopicPartition> uncertain = new HashSet<>();

  StoredRowFilter(
      WriterClickHouse clickHouse,
      StoredRowsSource source,
      ObjectMapper json,
      Counter duplicatesSkipped) {
    this.clickHouse = clickHouse;
    this.source = source;
    this.json = json;
    this.duplicatesSkipped = duplicatesSkipped;
  }

  /** The partitions' next rows may already be stored: a previous owner or a lost insert answer may have stored them. */
  void doubt(Collection<TopicPartition> partitions) {
    uncertain.addAll(partitions);
  }

  /** The partitions went to another consumer, whose own doubt covers them. */
  void forget(Collection<TopicPartition> partitions) {
    uncertain.removeAll(partitions);
  }

  /** The rows (of one table) in uncertain partitions that ClickHouse already holds are dropped. */
  List<Row> withoutStoredRows(Destination destination, List<Row> rows) {
    if (!anyUncertain(rows)) {
      return rows;
    }
    Map<TopicPartition, List<Row>> doubtful =
        rows.stream()
            .filter(r -> uncertain.contains(r.partition()))
            .collect(Collectors.groupingBy(Row::partition));
    Map<Row, String> identities = new HashMap<>();
    doubtful
        .values()
        .forEach(
            partitionRows ->
                partitionRows.forEach(row -> identities.put(row, identity(row, destination))));
    String projects =
        identities.values().stream()
            .filter(id -> !id.isEmpty())
            .map(id -> id.split("\t")[2])
            .distinct()
            .collect(Collectors.joining(","));
    if (projects.isEmpty()) {
      forget(doubtful.keySet());
      return rows;
    }
    Set<String> stored = storedIdentities(destination, doubtful, projects);
    List<Row> remaining = new ArrayList<>(rows.size());
    for (Row row : rows) {
      if (identities.containsKey(row) && stored.contains(identities.get(row))) {
        duplicatesSkipped.increment();
      } else {
        remaining.add(row);
      }
    }
    // A partition stays uncertain while even its last row in this batch was already stored.
    doubtful.forEach(
        (partition, partitionRows) -> {
          if (!stored.contains(identities.get(partitionRows.get(partitionRows.size() - 1)))) {
            uncertain.remove(partition);
          }
        });
    if (remaining.size() < rows.size()) {
      LOG.infof(
          "Skipped %d rows ClickHouse already stored before a restart or a lost answer",
          rows.size() - remaining.size());
    }
    return remaining;
  }

  /**
   * Whether a row is of a partition in doubt. A partition that receives nothing stays in doubt, so this runs for
   * every batch: rows come in runs of one partition, and each run is looked up once.
   */
  private boolean anyUncertain(List<Row> rows) {
    for (int i = 0; i < rows.size(); i++) {
      if ((i == 0 || !Row.samePartition(rows.get(i - 1).record(), rows.get(i).record()))
          && uncertain.contains(rows.get(i).partition())) {
        return true;
      }
    }
    return false;
  }

  /** The identities of the stored rows in the doubtful offset ranges; every literal is a number we formatted. */
  private Set<String> storedIdentities(
      Destination destination, Map<TopicPartition, List<Row>> doubtful, String projects) {
    String ranges =
        doubtful.entrySet().stream()
            .map(
                e -> {
                  long low =
                      e.getValue().stream().mapToLong(r -> r.record().offset()).min().orElseThrow();
                  long high =
                      e.getValue().stream().mapToLong(r -> r.record().offset()).max().orElseThrow();
                  return "(kafka_partition = "
                      + e.getKey().partition()
                      + " AND kafka_offset BETWEEN "
                      + low
                      + " AND "
                      + high
                      + ")";
                })
            .collect(Collectors.joining(" OR "));
    String sql =
        "SELECT kafka_partition, kafka_offset, project_id, "
            + destination.timeColumn()
            + " FROM "
            + source.from(destination.table())
            + " WHERE project_id IN ("
            + projects
            + ") AND ("
            + ranges
            + ") "
            + "FORMAT TabSeparated";
    String answer = clickHouse.query(sql, source.settings());
    return answer.lines().filter(line -> !line.isEmpty()).collect(Collectors.toSet());
  }

  /**
   * How a stored row is recognised, in the TabSeparated form of the lookup's answer; empty for a JSON record that is
   * not readable (ClickHouse will refuse it and it goes to the DLQ). Only rows in doubt are decoded.
   */
  private String identity(Row row, Destination destination) {
    String position = row.record().partition() + "\t" + row.record().offset() + "\t";
    if (row.format() == RowFormat.ROW_BINARY) {
      List<RowColumn> columns = destination.binaryColumns();
      return position
          + Long.toUnsignedString(BinaryRows.fixed8(row.value(), columns, "project_id"))
          + "\t"
          + BinaryRows.fixed8(row.value(), columns, destination.timeColumn());
    }
    try {
      JsonNode event = json.readTree(row.value());
      return position
          + event.path("project_id").asLong()
          + "\t"
          + event.path(destination.timeColumn()).asLong();
    } catch (IOException e) {
      return "";
    }
  }
}
