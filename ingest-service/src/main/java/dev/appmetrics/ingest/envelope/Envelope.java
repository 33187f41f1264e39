package dev.appmetrics.ingest.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A Sentry envelope split into its header and items; payloads stay bytes until their type is known. */
public record Envelope(JsonNode header, List<Item> items) {

  /** One item: its header (type, content_type, optional length) and its payload. */
  public record Item(JsonNode header, byte[] payload) {

    public String type() {
      return header.path("type").asText("");
    }

    public String contentType() {
      return header.path("content_type").asText("");
    }
  }
}
