package dev.appmetrics.ingest.writer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appmetrics.common.event.MetricKind;
import dev.appmetrics.ingest.event.Attributes;
import dev.appmetrics.ingest.event.MetricEvent;
import dev.appmetrics.ingest.event.MetricEventRow;
import dev.appmetrics.ingest.event.RowColumn;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Only a whole, exact binary row is readable: anything else would reach ClickHouse as a damaged Native block. */
class BinaryRowsTests {

  private static final List<RowColumn> COLUMNS = MetricEventRow.COLUMNS;

  private static byte[] row(String name, Attributes attributes) {
    return MetricEventRow.encode(
        new MetricEvent(
            3,
            1234567,
            name,
            MetricKind.COUNTER,
            1,
            "",
            1_700_000_000_123L,
            "",
            "",
            1,
            attributes,
            1_700_000_000_500L));
  }

  @Test
  void readsEncodedRowsAndTheirEightByteColumns() {
    byte[] row =
        row(
            "a".repeat(300),
            new Attributes(
                Map.of("k", "v".repeat(20_000)),
                Map.of("i", 5L),
                Map.of("d", 0.5),
                Map.of("b", true)));

    assertTrue(BinaryRows.readable(row, COLUMNS));
    assertEquals(1234567, BinaryRows.fixed8(row, COLUMNS, "project_id"));
    assertEquals(1_700_000_000_123L, BinaryRows.fixed8(row, COLUMNS, "timestamp_ms"));
  }

  @Test
  void refusesRowsThatAreCutShortOrLongerOrNotBinary() {
    byte[] row = row("m", Attributes.EMPTY);

    assertFalse(BinaryRows.readable(Arrays.copyOf(row, row.length - 1), COLUMNS), "cut short");
    assertFalse(
        BinaryRows.readable(Arrays.copyOf(row, row.length + 1), COLUMNS), "a byte left over");
    assertFalse(BinaryRows.readable(new byte[0], COLUMNS), "empty");
    byte[] json = "{\"project_id\":1}".getBytes(StandardCharsets.UTF_8);
    assertFalse(BinaryRows.readable(json, COLUMNS), "JSON is not binary");
  }

  @Test
  void refusesAnUnknownEnumValue() {
    byte[] row = row("m", Attributes.EMPTY);
    // format byte, two ids, the name's length and its one byte: the kind comes next.
    int kind = 1 + 8 + 8 + 1 + 1;
    assertEquals(1, row[kind], "counter");

    for (byte value : new byte[] {0, 4, -1}) {
      row[kind] = value;
      assertFalse(BinaryRows.readable(row, COLUMNS), "kind " + value);
    }
  }

  @Test
  void refusesLengthsPastTheRowAndVarintsLongerThanTheirValue() {
    byte[] row = row("m", Attributes.EMPTY);
    int nameLength = 1 + 8 + 8;

    row[nameLength] = 100;
    assertFalse(BinaryRows.readable(row, COLUMNS), "a name longer than the row");

    byte[] padded = new byte[row.length + 1];
    System.arraycopy(row, 0, padded, 0, nameLength);
    // 1 written in two bytes (0x81 0x00): ClickHouse would read 1 where the walk counted two bytes.
    padded[nameLength] = (byte) 0x81;
    padded[nameLength + 1] = 0;
    System.arraycopy(row, nameLength + 1, padded, nameLength + 2, row.length - nameLength - 1);
    assertFalse(BinaryRows.readable(padded, COLUMNS), "a varint not in its shortest form");

    assertEquals(
        -1,
        BinaryRows.varint(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F}, 0),
        "2^32 - 1");
    assertEquals(
        Integer.MAX_VALUE,
        BinaryRows.varint(
            new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07}, 0));
    assertEquals(-1, BinaryRows.varint(new byte[] {(byte) 0x80}, 0), "runs past the row");
    assertEquals(-1, BinaryRows.varint(new byte[] {(byte) 0x81, 0}, 0), "1 in two bytes");
  }
}
