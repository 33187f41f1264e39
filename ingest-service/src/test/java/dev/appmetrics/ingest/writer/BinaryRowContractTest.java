package dev.appmetrics.ingest.writer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.appmetrics.common.clickhouse.ClickHouseClient;
import dev.appmetrics.ingest.event.MetricEventRow;
import dev.appmetrics.ingest.event.RowColumn;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The binary row's columns are the migrated table's, with the same types: a Native block names each column with its
 * type, and ClickHouse 18.16 stores a block whose type differs from the table's without converting it.
 */
@QuarkusTest
class BinaryRowContractTest {

  @Inject ClickHouseClient clickHouse;

  @Test
  void everyColumnOfTheBinaryRowIsAColumnOfMetricEventsOfTheSameType() {
    Map<String, String> table = new LinkedHashMap<>();
    clickHouse
        .execute(
            "SELECT name, type FROM system.columns WHERE database = currentDatabase()"
                + " AND table = 'metric_events' FORMAT TabSeparatedRaw",
            "ingest-test",
            Map.of())
        .await()
        .indefinitely()
        .lines()
        .map(line -> line.split("\t"))
        .forEach(column -> table.put(column[0], column[1]));

    Map<String, String> row = new LinkedHashMap<>();
    for (RowColumn column : MetricEventRow.COLUMNS) {
      row.put(column.name(), table.get(column.name()));
    }
    Map<String, String> declared = new LinkedHashMap<>();
    MetricEventRow.COLUMNS.forEach(column -> declared.put(column.name(), column.type()));
    assertEquals(declared, row);
    NativeBlock.WRITER_COLUMNS.forEach(
        (name, type) -> assertEquals(type, table.get(name), "the writer's own column " + name));
  }
}
