package dev.appmetrics.dashboard.mcp.write;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appmetrics.dashboard.mcp.tool.ToolFailure;

/** Tool arguments read as this service's own spec records, which their services then validate. */
final class Specs {

  private Specs() {}

  static <T> T read(ObjectMapper json, JsonNode node, Class<T> type) {
    try {
      return json.treeToValue(node, type);
    } catch (JsonProcessingException e) {
      throw new ToolFailure(
          "The arguments do not form a valid "
              + type.getSimpleName()
              + ": "
              + e.getOriginalMessage());
    }
  }
}
