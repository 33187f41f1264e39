package dev.appmetrics.common.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KafkaClientsTests {

  @Test
  void clientsGetTheBrokersAndTheConnectionsSecurityOnly() {
    Properties properties =
        KafkaClients.properties(
            new SmallRyeConfigBuilder()
                .withSources(
                    new PropertiesConfigSource(
                        Map.of(
                            "kafka.security.protocol",
                            "SASL_SSL",
                            "kafka.sasl.mechanism",
                            "SCRAM-SHA-512",
                            "kafka.sasl.jaas.config",
                            "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                            "kafka.health.enabled",
                            "true"),
                        "test",
                        100))
                .build(),
            "kafka-0:9092");
    assertEquals(
        Map.of(
            "bootstrap.servers",
            "kafka-0:9092",
            "security.protocol",
            "SASL_SSL",
            "sasl.mechanism",
            "SCRAM-SHA-512",
            "sasl.jaas.config",
            "org.apache.kafka.common.security.scram.ScramLoginModule required;"),
        Map.copyOf(properties));
  }

  @Test
  void environmentVariablesReachTheClients() {
    // KAFKA_SECURITY_PROTOCOL as the chart sets it: MicroProfile Config finds it under the
    // setting's name.
    Properties properties =
        KafkaClients.properties(
            new SmallRyeConfigBuilder()
                .addDefaultSources()
                .withSources(
                    new io.smallrye.config.EnvConfigSource(
                        Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT"), 300))
                .build(),
            "kafka-0:9092");
    assertEquals("SASL_PLAINTEXT", properties.get("security.protocol"));
  }
}
