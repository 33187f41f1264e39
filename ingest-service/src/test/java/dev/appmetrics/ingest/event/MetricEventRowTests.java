package dev.appmetrics.ingest.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.appmetrics.common.event.MetricKind;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The binary row read back with a RowBinary reader of the test's own (ByteBuffer, little-endian), column by column
 * in ClickHouse's order; DeadLetterTest and the resource tests read what ClickHouse stored from it.
 */
class MetricEventRowTests {

  /** One RowBinary value after the other. */
  private record Reader(ByteBuffer bytes) {

    Reader(byte[] row) {
      this(ByteBuffer.wrap(row).order(ByteOrder.LITTLE_ENDIAN));
    }

    int varint() {
      int value = 0;
      for (int shift = 0; ; shift += 7) {
        byte b = bytes.get();
        value |= (b & 0x7F) << shift;
        if (b >= 0) {
          return value;
        }
      }
    }

    String string() {
      byte[] text = new byte[varint()];
      bytes.get(text);
      return new String(text, StandardCharsets.UTF_8);
    }

    List<String> strings() {
      return IntStream.range(0, varint()).mapToObj(i -> string()).toList();
    }
  }

  @Test
  void writesEveryColumnAsRowBinaryThatReadsBackToTheEvent() {
    Map<String, String> strings = new LinkedHashMap<>();
    strings.put("quote\"and\\backslash", "line\nbreak\ttab\rreturn\u0001control");
    strings.put("unicode", "é 中 😀");
    // Longer than one length byte only once encoded, and non-ASCII only at the end: the one-pass
    // ASCII writing starts over with the UTF-8 length.
    strings.put("two-byte", "é".repeat(100));
    strings.put("late", "a".repeat(200) + "é");
    Map<String, Long> integers = new LinkedHashMap<>();
    integers.put("min", Long.MIN_VALUE);
    integers.put("max", Long.MAX_VALUE);
    MetricEvent event =
        new MetricEvent(
            7,
            42,
            "checkout.duration",
            MetricKind.DISTRIBUTION,
            12.5e-7,
            "millisecond",
            1_700_000_000_123L,
            "4bf92f3577b34da6a3ce929d0e0e4736",
            "00f067aa0ba902b7",
            0.25,
            new Attributes(strings, integers, Map.of("ratio", -0.5), Map.of("ok", true)),
            1_700_000_001_999L);

    Reader row = new Reader(MetricEventRow.encode(event));

    assertEquals(MetricEventRow.ROW_BINARY, row.bytes().get());
    assertEquals(7, row.bytes().getLong(), "organization_id");
    assertEquals(42, row.bytes().getLong(), "project_id");
    assertEquals("checkout.duration", row.string());
    assertEquals(3, row.bytes().get(), "metric_kind: 'distribution' = 3");
    assertEquals("millisecond", row.string());
    assertEquals(1_700_000_000, row.bytes().getInt(), "timestamp");
    assertEquals(1_700_000_000_123L, row.bytes().getLong(), "timestamp_ms");
    assertEquals(12.5e-7, row.bytes().getDouble());
    assertEquals(0.25, row.bytes().getDouble());
    assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", row.string());
    assertEquals("00f067aa0ba902b7", row.string());
    assertEquals(List.of("quote\"and\\backslash", "unicode", "two-byte", "late"), row.strings());
    assertEquals(
        List.of(
            "line\nbreak\ttab\rreturn\u0001control",
            "é 中 😀",
            "é".repeat(100),
            "a".repeat(200) + "é"),
        row.strings());
    assertEquals(List.of("min", "max"), row.strings());
    assertEquals(2, row.varint());
    assertEquals(
        List.of(Long.MIN_VALUE, Long.MAX_VALUE),
        List.of(row.bytes().getLong(), row.bytes().getLong()));
    assertEquals(List.of("ratio"), row.strings());
    assertEquals(1, row.varint());
    assertEquals(-0.5, row.bytes().getDouble());
    assertEquals(List.of("ok"), row.strings());
    assertEquals(1, row.varint());
    assertEquals(1, row.bytes().get());
    assertEquals(1_700_000_001, row.bytes().getInt(), "received_at");
    assertEquals(0, row.bytes().remaining(), "nothing after the last column");
  }

  @Test
  void writesALoneSurrogateAsAQuestionMarkLikeUtf8Encoding() {
    MetricEvent event =
        new MetricEvent(
            1,
            2,
            "m",
            MetricKind.GAUGE,
            1,
            "",
            0,
            "",
            "",
            1,
            new Attributes(Map.of("k", "a\uD800b"), Map.of(), Map.of(), Map.of()),
            0);

    byte[] row = MetricEventRow.encode(event);

    String text = new String(row, StandardCharsets.ISO_8859_1);
    assertEquals(true, text.contains("\u0003a?b"), "the value with its length, 3");
  }

  @Test
  void utf8LengthIsTheEncodedSize() {
    for (String text : List.of("", "ascii", "é", "€", "😀", "a\uD800b", "\uDC00", "x😀y€é")) {
      assertEquals(
          text.getBytes(StandardCharsets.UTF_8).length, RowBinaryBuffer.utf8Length(text), text);
    }
  }
}
