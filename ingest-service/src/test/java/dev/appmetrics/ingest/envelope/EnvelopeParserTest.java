package dev.appmetrics.ingest.envelope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appmetrics.common.error.ApiException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Envelope framing: line-delimited payloads, length-delimited payloads, blank lines and a missing last newline. */
class EnvelopeParserTest {

  private final EnvelopeParser parser = new EnvelopeParser(new ObjectMapper());

  private Envelope parse(String body) {
    return parser.parse(body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void splitsLineDelimitedItems() {
    Envelope envelope = parse("{\"event_id\":\"e1\"}\n{\"type\":\"a\"}\n{\"x\":1}\n{\"type\":\"b\"}\n{\"y\":2}");
    assertEquals("e1", envelope.header().get("event_id").asText());
    assertEquals(2, envelope.items().size());
    assertEquals("b", envelope.items().get(1).type());
    assertEquals("{\"y\":2}", new String(envelope.items().get(1).payload(), StandardCharsets.UTF_8));
  }

  @Test
  void takesExactlyLengthBytesEvenAcrossNewlines() {
    String payload = "{\"a\":\n1}";
    Envelope envelope = parse("{}\n{\"type\":\"a\",\"length\":" + payload.length() + "}\n" + payload + "\n{\"type\":\"b\"}\n{}\n");
    assertEquals(payload, new String(envelope.items().get(0).payload(), StandardCharsets.UTF_8));
    assertEquals("b", envelope.items().get(1).type());
  }

  @Test
  void toleratesBlankLinesAndAHeaderWithoutItems() {
    assertEquals(0, parse("{}").items().size());
    assertEquals(1, parse("{}\n\n{\"type\":\"a\"}\n{}\n\n").items().size());
    assertEquals(0, parse("{}\n{\"type\":\"a\"}").items().get(0).payload().length, "an item at the end may have no payload");
  }

  @Test
  void refusesBrokenFraming() {
    for (String body : new String[] {"", "x\n", "{}\n[]\n{}", "{}\n{\"length\":99}\n{}", "{}\n{\"length\":\"x\"}\n{}"}) {
      ApiException e = assertThrows(ApiException.class, () -> parse(body), body);
      assertEquals(400, e.status());
    }
  }
}
