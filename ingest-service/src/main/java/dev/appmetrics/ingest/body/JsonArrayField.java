package dev.appmetrics.ingest.body;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.appmetrics.ingest.pipeline.ItemBudget;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads, token by token, the elements of one array field of the top-level object ({@code {"metrics": [...]}},
 * {@code {"items": [...]}}), charging each to the request's budget as it is read; the other fields are skipped.
 */
public final class JsonArrayField {

  /** Reads the element the parser is on and leaves the parser on its last token. */
  public interface ElementReader<T> {
    T read(JsonParser parser) throws IOException;
  }

  private JsonArrayField() {}

  /** The elements, or null when the body is no object or the field is missing or not an array. */
  public static <T> List<T> read(
      JsonParser parser, String field, ItemBudget budget, ElementReader<T> element)
      throws IOException {
    List<T> elements = null;
    if (parser.nextToken() == JsonToken.START_OBJECT) {
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        boolean wanted = field.equals(parser.currentName());
        if (parser.nextToken() == JsonToken.START_ARRAY && wanted) {
          elements = new ArrayList<>();
          while (parser.nextToken() != JsonToken.END_ARRAY) {
            budget.take();
            elements.add(element.read(parser));
          }
        } else {
          parser.skipChildren();
          elements = wanted ? null : elements;
        }
      }
    }
    return elements;
  }
}
