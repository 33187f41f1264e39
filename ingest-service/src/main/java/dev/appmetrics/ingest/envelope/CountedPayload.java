package dev.appmetrics.ingest.envelope;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.appmetrics.ingest.pipeline.ItemBudget;
import java.io.IOException;

/**
 * A payload object read into a tree whose list of items (a transaction's {@code spans}, the {@code items} of
 * streamed spans and logs) is read element by element, each charged to the request's budget: a payload of a million
 * tiny items is refused at the cap instead of becoming a million nodes first.
 */
final class CountedPayload {

  private CountedPayload() {}

  /** The payload, or null when it is not a JSON object. */
  static ObjectNode read(ObjectMapper json, byte[] bytes, String listField, ItemBudget budget)
      throws IOException {
    try (JsonParser parser = json.createParser(bytes)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      ObjectNode payload = json.createObjectNode();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        if (parser.nextToken() == JsonToken.START_ARRAY && field.equals(listField)) {
          ArrayNode list = payload.putArray(field);
          while (parser.nextToken() != JsonToken.END_ARRAY) {
            budget.take();
            list.add(json.<JsonNode>readTree(parser));
          }
        } else {
          payload.set(field, json.readTree(parser));
        }
      }
      return payload;
    }
  }
}
