package dev.appmetrics.monitor.definition;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

/** Reads and writes the JSON column holding a monitor's spec. */
@ApplicationScoped
public class MonitorSpecs {

  private final ObjectMapper json;

  public MonitorSpecs(ObjectMapper json) {
    this.json = json;
  }

  public MonitorSpec read(Monitor monitor) {
    try {
      return json.readValue(monitor.spec, MonitorSpec.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Monitor " + monitor.id + " has an unreadable spec", e);
    }
  }

  public String write(MonitorSpec spec) {
    try {
      return json.writeValueAsString(spec);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot serialize a monitor spec", e);
    }
  }
}
