package dev.appmetrics.common.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OwnTracesSwitchTests {

  @Test
  void withoutAnEndpointTheSdkStaysDisabled() {
    assertEquals(
        Map.of("quarkus.otel.sdk.disabled", "true"), new OwnTracesSwitch(null).getProperties());
    assertEquals(
        Map.of("quarkus.otel.sdk.disabled", "true"), new OwnTracesSwitch("  ").getProperties());
  }

  @Test
  void anEndpointEnablesTheSdkAndExportsThereOverHttp() {
    assertEquals(
        Map.of(
            "quarkus.otel.sdk.disabled",
            "false",
            "quarkus.otel.exporter.otlp.traces.endpoint",
            "http://collector:4318",
            "quarkus.otel.exporter.otlp.traces.protocol",
            "http/protobuf"),
        new OwnTracesSwitch(" http://collector:4318 ").getProperties());
  }

  @Test
  void sitsBetweenApplicationPropertiesAndTheEnvironment() {
    int ordinal = new OwnTracesSwitch(null).getOrdinal();
    assertEquals(true, ordinal > 250 && ordinal < 300, "ordinal " + ordinal);
  }
}
