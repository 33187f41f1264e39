package dev.appmetrics.common.auth;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShippedSecretsTests {

  private static SmallRyeConfig config(Map<String, String> properties) {
    return new SmallRyeConfigBuilder()
        .withSources(new PropertiesConfigSource(properties, "test", 100))
        .build();
  }

  @Test
  void refusesAShippedSecretNamingTheSetting() {
    IllegalStateException refused =
        assertThrows(
            IllegalStateException.class,
            () ->
                ShippedSecrets.refuseShipped(
                    config(
                        Map.of(
                            "appmetrics.auth.service-callers.monitor.token",
                            "local-monitor-query-token-dev-and-test-only"))));
    assertTrue(
        refused
            .getMessage()
            .startsWith(
                "Refusing to start: appmetrics.auth.service-callers.monitor.token has a "
                    + "value shipped"),
        refused.getMessage());
  }

  @Test
  void refusesTheDefaultsEarlierReleasesShipped() {
    assertThrows(
        IllegalStateException.class,
        () ->
            ShippedSecrets.refuseShipped(
                config(Map.of("appmetrics.bootstrap-token", "local-bootstrap-token-change-me"))));
    assertThrows(
        IllegalStateException.class,
        () ->
            ShippedSecrets.refuseShipped(
                config(Map.of("appmetrics.query.cursor-secret", "LOCAL-CURSOR-SECRET-CHANGE-ME"))));
  }

  @Test
  void acceptsGeneratedSecretsAndLeavesOtherSettingsAlone() {
    assertDoesNotThrow(
        () ->
            ShippedSecrets.refuseShipped(
                config(
                    Map.of(
                        "appmetrics.bootstrap-token", "Zq3k9w0r1V7t2b8xYc4m5n6p",
                        "appmetrics.dsn.public-ingest-url", "http://change-me.example.com",
                        "%dev.appmetrics.bootstrap-token",
                            "local-bootstrap-token-dev-and-test-only"))));
  }
}
