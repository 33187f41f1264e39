package dev.appmetrics.ingest.event;

import java.util.Arrays;
import java.util.Map;

/**
 * The wire form of a {@link MetricEvent} on Kafka: one JSON object whose fields are the columns of ClickHouse's
 * metric_events table, except the two the writer knows (kafka_partition, kafka_offset). The writer then only appends
 * those to each record and streams the bytes to ClickHouse as JSONEachRow, instead of decoding and re-encoding every
 * event. Times are epoch seconds and milliseconds, which ClickHouse reads independently of its time zone.
 */
public final class MetricEventRow {

  /** One growable buffer per thread: an event is written into it, then copied out at its exact size. */
  private static final ThreadLocal<Row> ROWS = ThreadLocal.withInitial(Row::new);

  private MetricEventRow() {}

  /**
   * The UTF-8 size of the text as {@link #encode} writes it (and String.getBytes(UTF_8): a lone surrogate as '?'),
   * without encoding it; the validator's size limit counts with it. JSON escapes are not counted.
   */
  static int utf8Length(String text) {
    int bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += Character.isSurrogate(c) ? 1 : 3;
      }
    }
    return bytes;
  }

  /** The event as one JSON object ending in '}', with no trailing whitespace. */
  public static byte[] encode(MetricEvent event) {
    Row row = ROWS.get().reset();
    row.raw("{\"organization_id\":").number(event.organizationId());
    row.raw(",\"project_id\":").number(event.projectId());
    row.raw(",\"metric_name\":").string(event.name());
    row.raw(",\"metric_kind\":").string(event.kind().wireName());
    row.raw(",\"unit\":").string(event.unit());
    row.raw(",\"timestamp\":").number(Math.floorDiv(event.timestampMillis(), 1000));
    row.raw(",\"timestamp_ms\":").number(event.timestampMillis());
    row.raw(",\"value\":").number(event.value());
    row.raw(",\"client_sample_rate\":").number(event.clientSampleRate());
    row.raw(",\"trace_id\":").string(event.traceId());
    row.raw(",\"span_id\":").string(event.spanId());
    var attributes = event.attributes();
    // Keys and values come from one iteration order of the same map, so the parallel arrays stay
    // aligned.
    row.raw(",\"attr_string_keys\":").keys(attributes.strings());
    row.raw(",\"attr_string_values\":[");
    String separator = "";
    for (String value : attributes.strings().values()) {
      row.raw(separator).string(value);
      separator = ",";
    }
    row.raw("],\"attr_int_keys\":").keys(attributes.integers());
    row.raw(",\"attr_int_values\":[");
    separator = "";
    for (long value : attributes.integers().values()) {
      row.raw(separator).number(value);
      separator = ",";
    }
    row.raw("],\"attr_double_keys\":").keys(attributes.doubles());
    row.raw(",\"attr_double_values\":[");
    separator = "";
    for (double value : attributes.doubles().values()) {
      row.raw(separator).number(value);
      separator = ",";
    }
    row.raw("],\"attr_bool_keys\":").keys(attributes.booleans());
    row.raw(",\"attr_bool_values\":[");
    separator = "";
    for (boolean value : attributes.booleans().values()) {
      row.raw(separator).raw(value ? "1" : "0");
      separator = ",";
    }
    row.raw("],\"received_at\":").number(Math.floorDiv(event.receivedAtMillis(), 1000));
    row.raw("}");
    return row.toByteArray();
  }

  /**
   * A minimal JSON writer for exactly this shape (every event of every request passes here, and a general generator
   * per event cost more than reading the request): UTF-8, strings escaped as JSON requires, numbers as Java prints
   * them. Values are validated before, so no double is NaN or infinite.
   */
  private static final class Row {

    private byte[] bytes = new byte[1024];
    private int length;

    Row reset() {
      length = 0;
      return this;
    }

    byte[] toByteArray() {
      return Arrays.copyOf(bytes, length);
    }

    /** ASCII text that needs no escaping (field names, punctuation, numbers). */
    Row raw(String ascii) {
      ensure(ascii.length());
      for (int i = 0; i < ascii.length(); i++) {
        bytes[length++] = (byte) ascii.charAt(i);
      }
      return this;
    }

    Row number(long value) {
      return raw(Long.toString(value));
    }

    Row number(double value) {
      return raw(Double.toString(value));
    }

    void keys(Map<String, ?> map) {
      raw("[");
      String separator = "";
      for (String key : map.keySet()) {
        raw(separator).string(key);
        separator = ",";
      }
      raw("]");
    }

    Row string(String text) {
      // At most 6 bytes per char (an escaped control character), plus the quotes.
      ensure(text.length() * 6 + 2);
      bytes[length++] = '"';
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
          bytes[length++] = (byte) c;
        } else if (c < 0x80) {
          escape(c);
        } else if (c < 0x800) {
          bytes[length++] = (byte) (0xC0 | (c >> 6));
          bytes[length++] = (byte) (0x80 | (c & 0x3F));
        } else if (Character.isHighSurrogate(c)
            && i + 1 < text.length()
            && Character.isLowSurrogate(text.charAt(i + 1))) {
          int codePoint = Character.toCodePoint(c, text.charAt(++i));
          bytes[length++] = (byte) (0xF0 | (codePoint >> 18));
          bytes[length++] = (byte) (0x80 | ((codePoint >> 12) & 0x3F));
          bytes[length++] = (byte) (0x80 | ((codePoint >> 6) & 0x3F));
          bytes[length++] = (byte) (0x80 | (codePoint & 0x3F));
        } else if (Character.isSurrogate(c)) {
          // A lone surrogate is no character: '?' as String.getBytes(UTF_8) writes it.
          bytes[length++] = '?';
        } else {
          bytes[length++] = (byte) (0xE0 | (c >> 12));
          bytes[length++] = (byte) (0x80 | ((c >> 6) & 0x3F));
          bytes[length++] = (byte) (0x80 | (c & 0x3F));
        }
      }
      bytes[length++] = '"';
      return this;
    }

    private void escape(char c) {
      bytes[length++] = '\\';
      switch (c) {
        case '"' -> bytes[length++] = '"';
        case '\\' -> bytes[length++] = '\\';
        case '\n' -> bytes[length++] = 'n';
        case '\r' -> bytes[length++] = 'r';
        case '\t' -> bytes[length++] = 't';
        default -> {
          bytes[length++] = 'u';
          bytes[length++] = '0';
          bytes[length++] = '0';
          bytes[length++] = (byte) HEX.charAt(c >> 4);
          bytes[length++] = (byte) HEX.charAt(c & 0xF);
        }
      }
    }

    private void ensure(int more) {
      if (length + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
      }
    }
  }

  private static final String HEX = "0123456789abcdef";
}
