package dev.appmetrics.ingest.writer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * While an upgrade drains JSON records, a batch holds both row formats: they are inserted in batch order, so what an
 * interrupted batch stored is always its first rows, never binary rows beyond JSON rows that were not stored.
 */
class TableInserterTests {

  private static List<Row> rows(RowFormat... formats) {
    return IntStream.range(0, formats.length)
        .mapToObj(
            offset ->
                new Row(
                    new ConsumerRecord<>("metrics.events", 0, offset, "1", new byte[0]),
                    formats[offset]))
        .toList();
  }

  private static List<List<Long>> offsets(List<List<Row>> runs) {
    return runs.stream().map(run -> run.stream().map(r -> r.record().offset()).toList()).toList();
  }

  @Test
  void cutsABatchWhereTheFormatChangesAndKeepsItsOrder() {
    RowFormat json = RowFormat.JSON;
    RowFormat binary = RowFormat.ROW_BINARY;

    assertEquals(
        List.of(List.of(0L, 1L), List.of(2L), List.of(3L, 4L), List.of(5L)),
        offsets(TableInserter.runs(rows(json, json, binary, json, json, binary))));
    assertEquals(
        List.of(List.of(0L, 1L, 2L)), offsets(TableInserter.runs(rows(binary, binary, binary))));
    assertEquals(List.of(), TableInserter.runs(List.of()));
  }
}
