package dev.appmetrics.ingest.envelope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appmetrics.common.error.ApiException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Envelope framing read as a stream: line-delimited payloads, length-delimited payloads, blank lines, a missing last
 * newline, and nothing read beyond the piece asked for.
 */
class EnvelopeReaderTests {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static EnvelopeReader reader(String body) {
    return new EnvelopeReader(
        JSON, new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
  }

  private static List<EnvelopeItem> items(String body) {
    EnvelopeReader reader = reader(body);
    reader.header();
    List<EnvelopeItem> items = new ArrayList<>();
    for (EnvelopeItem item = reader.next(); item != null; item = reader.next()) {
      items.add(item);
    }
    return items;
  }

  private static String payload(EnvelopeItem item) {
    return new String(item.payload(), StandardCharsets.UTF_8);
  }

  @Test
  void splitsLineDelimitedItems() {
    EnvelopeReader reader =
        reader("{\"event_id\":\"e1\"}\n{\"type\":\"a\"}\n{\"x\":1}\n{\"type\":\"b\"}\n{\"y\":2}");
    assertEquals("e1", reader.header().get("event_id").asText());
    assertEquals("a", reader.next().type());
    EnvelopeItem second = reader.next();
    assertEquals("b", second.type());
    assertEquals("{\"y\":2}", payload(second));
    assertNull(reader.next());
  }

  @Test
  void takesExactlyLengthBytesEvenAcrossNewlinesAndChunks() {
    String payload = "{\"a\":\n1}";
    List<EnvelopeItem> items =
        items(
            "{}\n{\"type\":\"a\",\"length\":"
                + payload.length()
                + "}\n"
                + payload
                + "\n{\"type\":\"b\"}\n{}\n");
    assertEquals(payload, payload(items.get(0)));
    assertEquals("b", items.get(1).type());
    String big = "x".repeat(100_000);
    List<EnvelopeItem> long1 =
        items("{}\n{\"type\":\"a\",\"length\":100000}\n" + big + "\n{\"type\":\"b\"}\n" + big);
    assertEquals(big, payload(long1.get(0)));
    assertEquals(big, payload(long1.get(1)), "a line longer than the read buffer");
  }

  @Test
  void toleratesBlankLinesAndAHeaderWithoutItems() {
    assertEquals(0, items("{}").size());
    assertEquals(1, items("{}\n\n{\"type\":\"a\"}\n{}\n\n").size());
    assertEquals(
        0,
        items("{}\n{\"type\":\"a\"}").get(0).payload().length,
        "an item at the end may have no payload");
  }

  @Test
  void refusesBrokenFraming() {
    for (String body :
        new String[] {
          "",
          "x\n",
          "{}\n[]\n{}",
          "{}\n{\"length\":99}\n{}",
          "{}\n{\"length\":\"x\"}\n{}",
          "{}\n{\"length\":1.5}\n{}",
          "{}\n{\"length\":-1}\n{}"
        }) {
      ApiException e = assertThrows(ApiException.class, () -> items(body), body);
      assertEquals(400, e.status());
    }
  }

  @Test
  void refusesALengthBeyondTheBodyWithWhatFollows() {
    ApiException e =
        assertThrows(
            ApiException.class,
            () ->
                items(
                    "{}\n{\"type\":\"trace_metric\",\"length\":9223372036854775807}\n{\"items\":[]}\n"));
    assertEquals(400, e.status());
    assertEquals(
        "Malformed envelope: item 0 declares length 9223372036854775807 but only 13 bytes follow",
        e.getMessage());
  }

  /** The key may be in the envelope header: it is read from a bounded prefix, before anything else of the body. */
  @Test
  void readsTheHeaderWithoutReadingFurtherAndBoundsItsLength() {
    InputStream rest =
        new InputStream() {
          @Override
          public int read() {
            throw new AssertionError("read beyond the envelope header");
          }
        };
    InputStream body =
        new SequenceInputStream(
            new ByteArrayInputStream(
                "{\"dsn\":\"http://k@h/1\"}\n".getBytes(StandardCharsets.UTF_8)),
            rest);
    assertEquals("http://k@h/1", new EnvelopeReader(JSON, body).header().get("dsn").asText());

    String huge = "{\"pad\":\"" + "x".repeat(EnvelopeReader.MAX_HEADER_BYTES) + "\"}\n";
    ApiException e = assertThrows(ApiException.class, () -> reader(huge).header());
    assertEquals(400, e.status());
    assertEquals(
        "Malformed envelope: the envelope header is longer than 65536 bytes", e.getMessage());
  }
}
