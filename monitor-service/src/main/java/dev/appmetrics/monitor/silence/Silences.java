package dev.appmetrics.monitor.silence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appmetrics.monitor.definition.Monitor;
import dev.appmetrics.monitor.definition.MonitorSpec;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;

/** Reads silences: their specs, and which hold a monitor's notifications at a moment. */
@ApplicationScoped
public class Silences {

  private final ObjectMapper json;

  public Silences(ObjectMapper json) {
    this.json = json;
  }

  /** The organization's silences that cover the monitor and are active at {@code now}; needs a session. */
  public Uni<Holds> holding(Monitor monitor, MonitorSpec spec, Instant now) {
    return Silence.<Silence>list("organizationId", monitor.organizationId)
        .map(
            silences ->
                Holds.of(
                    silences.stream()
                        .map(s -> Map.entry(s.id, read(s)))
                        .filter(
                            e -> e.getValue().covers(monitor, spec) && e.getValue().activeAt(now))
                        .toList()));
  }

  SilenceSpec read(Silence silence) {
    try {
      return json.readValue(silence.spec, SilenceSpec.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Silence " + silence.id + " has an unreadable spec", e);
    }
  }

  String write(SilenceSpec spec) {
    try {
      return json.writeValueAsString(spec);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot serialize a silence", e);
    }
  }
}
