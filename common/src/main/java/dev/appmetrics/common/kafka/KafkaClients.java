package dev.appmetrics.common.kafka;

import java.util.List;
import java.util.Properties;
import org.eclipse.microprofile.config.Config;

/**
 * The settings every Kafka client we build by hand starts from: the brokers, plus the connection's security
 * ({@code kafka.security.protocol}, {@code kafka.sasl.*}, {@code kafka.ssl.*}, e.g. from the environment variables
 * {@code KAFKA_SECURITY_PROTOCOL}, {@code KAFKA_SASL_JAAS_CONFIG}), so a broker that requires SASL or TLS is reached
 * by the credential store, the topic set-up, the grant publisher, the event publisher and the writer alike.
 */
public final class KafkaClients {

  /** Named one by one: an environment variable is only found under the setting's name. */
  static final List<String> CONNECTION_SETTINGS =
      List.of(
          "security.protocol",
          "sasl.mechanism",
          "sasl.jaas.config",
          "ssl.truststore.location",
          "ssl.truststore.password",
          "ssl.truststore.type",
          "ssl.keystore.location",
          "ssl.keystore.password",
          "ssl.keystore.type",
          "ssl.endpoint.identification.algorithm");

  private KafkaClients() {}

  public static Properties properties(Config config, String bootstrapServers) {
    Properties properties = new Properties();
    properties.put("bootstrap.servers", bootstrapServers);
    for (String setting : CONNECTION_SETTINGS) {
      config
          .getOptionalValue("kafka." + setting, String.class)
          .ifPresent(value -> properties.put(setting, value));
    }
    return properties;
  }
}
