package dev.appmetrics.dashboard.document;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

/** Specs travel as records in the API and rest as JSON text in a jsonb column. */
@ApplicationScoped
public class SpecJson {

  private final ObjectMapper json;

  public SpecJson(ObjectMapper json) {
    this.json = json;
  }

  public String write(Object spec) {
    try {
      return json.writeValueAsString(spec);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Cannot serialize a validated spec", e);
    }
  }

  public <T> T read(String text, Class<T> type) {
    try {
      return json.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "A stored spec no longer reads as " + type.getSimpleName(), e);
    }
  }
}
