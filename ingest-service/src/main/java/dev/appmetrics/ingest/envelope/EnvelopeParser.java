package dev.appmetrics.ingest.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appmetrics.common.error.ApiException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits an envelope: a JSON header line, then items, each a JSON header line followed by a payload that is either
 * {@code length} bytes (when the item header says so, as the Java SDK does) or the rest of the line.
 */
public final class EnvelopeParser {

  private final ObjectMapper json;

  public EnvelopeParser(ObjectMapper json) {
    this.json = json;
  }

  public Envelope parse(byte[] body) {
    if (body.length == 0) {
      throw malformed("the envelope is empty");
    }
    int end = lineEnd(body, 0);
    JsonNode header = object(body, 0, end, "the envelope header");
    List<Envelope.Item> items = new ArrayList<>();
    int position = end + 1;
    while (position < body.length) {
      int headerEnd = lineEnd(body, position);
      if (isBlank(body, position, headerEnd)) {
        position = headerEnd + 1;
        continue;
      }
      JsonNode itemHeader = object(body, position, headerEnd, "the header of item " + items.size());
      int payloadStart = headerEnd + 1;
      int payloadEnd;
      if (itemHeader.hasNonNull("length")) {
        long length = itemHeader.path("length").asLong(-1);
        if (length < 0 || !itemHeader.path("length").canConvertToLong() || payloadStart + length > body.length) {
          throw malformed("item " + items.size() + " declares length " + itemHeader.path("length")
              + " but only " + Math.max(0, body.length - payloadStart) + " bytes follow");
        }
        payloadEnd = payloadStart + (int) length;
      } else {
        payloadEnd = payloadStart > body.length ? body.length : lineEnd(body, payloadStart);
      }
      items.add(new Envelope.Item(itemHeader, Arrays.copyOfRange(body, Math.min(payloadStart, body.length), payloadEnd)));
      position = payloadEnd + 1;
    }
    return new Envelope(header, items);
  }

  private JsonNode object(byte[] body, int start, int end, String what) {
    try {
      JsonNode node = json.readTree(body, start, end - start);
      if (node == null || !node.isObject()) {
        throw malformed(what + " is not a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw malformed(what + " is not valid JSON");
    }
  }

  private static int lineEnd(byte[] body, int from) {
    for (int i = from; i < body.length; i++) {
      if (body[i] == '\n') {
        return i;
      }
    }
    return body.length;
  }

  private static boolean isBlank(byte[] body, int start, int end) {
    for (int i = start; i < end; i++) {
      if (body[i] != ' ' && body[i] != '\r' && body[i] != '\t') {
        return false;
      }
    }
    return true;
  }

  private static ApiException malformed(String reason) {
    return new ApiException(400, "malformed_envelope", "Malformed envelope: " + reason);
  }
}
