package dev.appmetrics.common.tracing;

import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Turns a service's own traces (quarkus-opentelemetry) on with one setting: {@code APPMETRICS_OTLP_ENDPOINT} (or the
 * system property {@code appmetrics.otlp.endpoint}), the base URL of an OTLP/HTTP receiver, to which
 * {@code /v1/traces} is appended. Set, the SDK is enabled and exports there over http/protobuf; unset, the SDK stays
 * disabled, so tests and the local stack run exactly as without tracing. Its ordinal is above application.properties
 * (250) and below environment variables (300), so any {@code QUARKUS_OTEL_*} variable still overrides it.
 */
public class OwnTracesSwitch implements ConfigSource {

  static final String ENV = "APPMETRICS_OTLP_ENDPOINT";
  static final String PROPERTY = "appmetrics.otlp.endpoint";

  private final Map<String, String> properties;

  public OwnTracesSwitch() {
    this(System.getProperty(PROPERTY, System.getenv(ENV)));
  }

  OwnTracesSwitch(String endpoint) {
    this.properties =
        endpoint == null || endpoint.isBlank()
            ? Map.of("quarkus.otel.sdk.disabled", "true")
            : Map.of(
                "quarkus.otel.sdk.disabled",
                "false",
                "quarkus.otel.exporter.otlp.traces.endpoint",
                endpoint.strip(),
                "quarkus.otel.exporter.otlp.traces.protocol",
                "http/protobuf");
  }

  @Override
  public Map<String, String> getProperties() {
    return properties;
  }

  @Override
  public Set<String> getPropertyNames() {
    return properties.keySet();
  }

  @Override
  public String getValue(String name) {
    return properties.get(name);
  }

  @Override
  public String getName() {
    return "appmetrics-own-traces";
  }

  @Override
  public int getOrdinal() {
    return 275;
  }
}
