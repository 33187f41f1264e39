package dev.appmetrics.ingest.envelope;

import com.fasterxml.jackson.databind.JsonNode;

/** One item of a Sentry envelope: its header (type, content_type, optional length) and its payload, still bytes. */
public record EnvelopeItem(JsonNode header, byte[] payload) {

  public String type() {
    return header.path("type").asText("");
  }

  public String contentType() {
    return header.path("content_type").asText("");
  }
}
