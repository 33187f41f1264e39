package dev.appmetrics.ingest.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appmetrics.common.event.MetricKind;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

class MetricEventRowTests {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<String> texts(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }

  @Test
  void writesEveryColumnAsJsonThatReadsBackToTheEvent() throws Exception {
    Map<String, String> strings = new LinkedHashMap<>();
    strings.put("quote\"and\\backslash", "line\nbreak\ttab\rreturn\u0001control");
    strings.put("unicode", "é 中 😀");
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

    byte[] encoded = MetricEventRow.encode(event);
    JsonNode row = JSON.readTree(encoded);

    assertEquals(
        '}',
        encoded[encoded.length - 1],
        "the writer appends its columns before the closing brace");
    assertEquals(7, row.get("organization_id").asLong());
    assertEquals(42, row.get("project_id").asLong());
    assertEquals("checkout.duration", row.get("metric_name").asText());
    assertEquals("distribution", row.get("metric_kind").asText());
    assertEquals("millisecond", row.get("unit").asText());
    assertEquals(1_700_000_000, row.get("timestamp").asLong());
    assertEquals(1_700_000_000_123L, row.get("timestamp_ms").asLong());
    assertEquals(12.5e-7, row.get("value").asDouble());
    assertEquals(0.25, row.get("client_sample_rate").asDouble());
    assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", row.get("trace_id").asText());
    assertEquals("00f067aa0ba902b7", row.get("span_id").asText());
    assertEquals(List.of("quote\"and\\backslash", "unicode"), texts(row.get("attr_string_keys")));
    assertEquals(
        List.of("line\nbreak\ttab\rreturn\u0001control", "é 中 😀"),
        texts(row.get("attr_string_values")));
    assertEquals(List.of("min", "max"), texts(row.get("attr_int_keys")));
    assertEquals(
        List.of(Long.MIN_VALUE, Long.MAX_VALUE),
        StreamSupport.stream(row.get("attr_int_values").spliterator(), false)
            .map(JsonNode::asLong)
            .toList());
    assertEquals(List.of("ratio"), texts(row.get("attr_double_keys")));
    assertEquals(-0.5, row.get("attr_double_values").get(0).asDouble());
    assertEquals(List.of("ok"), texts(row.get("attr_bool_keys")));
    assertEquals(1, row.get("attr_bool_values").get(0).asInt());
    assertEquals(1_700_000_001, row.get("received_at").asLong());
  }

  @Test
  void writesALoneSurrogateAsAQuestionMarkLikeUtf8Encoding() throws Exception {
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

    JsonNode row = JSON.readTree(MetricEventRow.encode(event));

    assertEquals("a?b", row.get("attr_string_values").get(0).asText());
  }

  @Test
  void utf8LengthIsTheEncodedSize() {
    for (String text : List.of("", "ascii", "é", "€", "😀", "a\uD800b", "\uDC00", "x😀y€é")) {
      assertEquals(
          text.getBytes(StandardCharsets.UTF_8).length, MetricEventRow.utf8Length(text), text);
    }
  }
}
