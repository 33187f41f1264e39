package dev.appmetrics.deploy;

import static dev.appmetrics.deploy.HelmChartTest.PRODUCTION;
import static dev.appmetrics.deploy.HelmChartTest.PRODUCTION_SECRETS;
import static dev.appmetrics.deploy.HelmChartTest.render;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Kafka is where credentials travel (projects.config) and where every tenant's rows wait for ClickHouse
 * (metrics.events): in production each service must authenticate as its own user, over TLS, and the ACLs the chart
 * hands to the operator must give each user what it uses and nothing more.
 */
class KafkaAuthenticationTest {

  private static final Pattern SCRAM_JAAS =
      Pattern.compile(
          "org\\.apache\\.kafka\\.common\\.security\\.scram\\.ScramLoginModule required username=\"([A-Za-z0-9._-]+)\""
              + " password=\"\\$\\(([A-Z_]+)\\)\";");
  private static final Pattern ACL = Pattern.compile("^acl (.*)$", Pattern.MULTILINE);
  private static final Pattern TOPIC =
      Pattern.compile(
          "^topic --topic (\\S+) --partitions (\\d+) --replication-factor (\\d+)",
          Pattern.MULTILINE);

  /** Default passwords for renders that need the chart's own Secret. */
  private static final Map<String, String> PASSWORDS =
      Map.of(
          "kafka.sasl.enabled",
          "true",
          "kafka.sasl.passwords.dashboard",
          "dashboard-password",
          "kafka.sasl.passwords.ingest",
          "ingest-password",
          "kafka.sasl.passwords.ingestWriter",
          "writer-password",
          "kafka.sasl.passwords.query",
          "query-password",
          "kafka.sasl.passwords.monitor",
          "monitor-password");

  @Test
  void productionAuthenticatesEveryServiceAsItsOwnScramUserOverTls() {
    Manifests manifests = render(PRODUCTION, Map.of(), PRODUCTION_SECRETS);

    Map<String, String> users = new HashMap<>();
    for (Deployment deployment : manifests.all(Deployment.class)) {
      String name = deployment.getMetadata().getName();
      assertEquals(
          "SASL_SSL",
          manifests.configValue(deployment, "KAFKA_SECURITY_PROTOCOL").orElse(null),
          name);
      assertEquals(
          "SCRAM-SHA-512",
          manifests.configValue(deployment, "KAFKA_SASL_MECHANISM").orElse(null),
          name);
      List<EnvVar> env = container(deployment).getEnv();
      String jaas = value(env, "KAFKA_SASL_JAAS_CONFIG", name);
      Matcher login = SCRAM_JAAS.matcher(jaas);
      assertTrue(login.matches(), name + ": " + jaas);
      // Kubernetes expands $(VAR) only from variables defined before the one that names it.
      String passwordVariable = login.group(2);
      int password = indexOf(env, passwordVariable);
      assertTrue(
          password >= 0 && password < indexOf(env, "KAFKA_SASL_JAAS_CONFIG"),
          name + ": " + passwordVariable + " is not defined before KAFKA_SASL_JAAS_CONFIG");
      assertFalse(
          passwordVariable.startsWith("KAFKA_"),
          "a KAFKA_ variable would reach the clients as a setting");
      EnvVar secret = env.get(password);
      assertEquals("appmetrics-secrets", secret.getValueFrom().getSecretKeyRef().getName(), name);
      assertEquals(
          "kafka-password-" + name.substring("appmetrics-".length()),
          secret.getValueFrom().getSecretKeyRef().getKey(),
          name);
      users.put(name, login.group(1));
    }
    assertEquals(
        Map.of(
            "appmetrics-dashboard",
            "appmetrics-dashboard",
            "appmetrics-ingest",
            "appmetrics-ingest",
            "appmetrics-ingest-writer",
            "appmetrics-ingest-writer",
            "appmetrics-query",
            "appmetrics-query",
            "appmetrics-monitor",
            "appmetrics-monitor"),
        users);
  }

  @Test
  void productionTrustsTheBrokersCaFromItsSecret() {
    Manifests manifests = render(PRODUCTION, Map.of(), PRODUCTION_SECRETS);

    for (Deployment deployment : manifests.all(Deployment.class)) {
      String name = deployment.getMetadata().getName();
      assertEquals(
          "PEM", manifests.configValue(deployment, "KAFKA_SSL_TRUSTSTORE_TYPE").orElse(null), name);
      String location =
          manifests.configValue(deployment, "KAFKA_SSL_TRUSTSTORE_LOCATION").orElseThrow();
      VolumeMount mount =
          container(deployment).getVolumeMounts().stream()
              .filter(m -> location.startsWith(m.getMountPath() + "/"))
              .findFirst()
              .orElseThrow(() -> new AssertionError(name + ": nothing mounted at " + location));
      assertTrue(mount.getReadOnly(), name);
      Volume volume =
          deployment.getSpec().getTemplate().getSpec().getVolumes().stream()
              .filter(v -> v.getName().equals(mount.getName()))
              .findFirst()
              .orElseThrow();
      assertEquals("appmetrics-kafka-ca", volume.getSecret().getSecretName(), name);
      assertEquals("ca.crt", volume.getSecret().getItems().get(0).getKey(), name);
      assertEquals(
          location.substring(mount.getMountPath().length() + 1),
          volume.getSecret().getItems().get(0).getPath());
    }
  }

  @Test
  void saslWithoutTlsIsSaslPlaintextWithPasswordsInTheChartsSecret() {
    Manifests manifests = render(null, PASSWORDS, Set.of());

    Secret secret = manifests.named(Secret.class, "appmetrics-secrets");
    for (Deployment deployment : manifests.all(Deployment.class)) {
      String name = deployment.getMetadata().getName();
      assertEquals(
          "SASL_PLAINTEXT",
          manifests.configValue(deployment, "KAFKA_SECURITY_PROTOCOL").orElse(null),
          name);
      assertTrue(
          manifests.configValue(deployment, "KAFKA_SSL_TRUSTSTORE_LOCATION").isEmpty(), name);
      String key =
          container(deployment).getEnv().stream()
              .filter(e -> e.getName().equals("APPMETRICS_KAFKA_PASSWORD"))
              .findFirst()
              .orElseThrow()
              .getValueFrom()
              .getSecretKeyRef()
              .getKey();
      String service = name.substring("appmetrics-".length());
      assertEquals(
          service + "-password",
          new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8),
          name);
    }
  }

  @Test
  void saslNeedsAPasswordForEveryServiceAndRefusesOnesThatBreakTheJaasConfiguration() {
    IllegalStateException missing =
        assertThrows(
            IllegalStateException.class,
            () -> render(null, Map.of("kafka.sasl.enabled", "true"), Set.of()));
    assertTrue(missing.getMessage().contains("kafka.sasl.passwords."), missing.getMessage());

    for (String password : List.of("a\"b", "a${b}c")) {
      Map<String, String> breaking = new HashMap<>(PASSWORDS);
      breaking.put("kafka.sasl.passwords.query", password);
      IllegalStateException refused =
          assertThrows(
              IllegalStateException.class, () -> render(null, breaking, Set.of()), password);
      assertTrue(
          refused.getMessage().contains("kafka.sasl.passwords.query must not contain"),
          refused.getMessage());
    }
  }

  @Test
  void defaultValuesLeaveKafkaPlaintextLikeTheLocalStack() {
    Manifests manifests = render(null, Map.of(), Set.of());

    for (Deployment deployment : manifests.all(Deployment.class)) {
      Set<String> environment = manifests.environment(deployment);
      assertTrue(
          environment.stream()
              .noneMatch(
                  name ->
                      name.startsWith("KAFKA_SASL")
                          || name.startsWith("KAFKA_SSL")
                          || name.equals("KAFKA_SECURITY_PROTOCOL")),
          deployment.getMetadata().getName() + ": " + environment);
    }
    assertFalse(manifests.names().contains("ConfigMap/appmetrics-kafka-setup"));
  }

  @Test
  void productionAclsGiveEachServiceOnlyWhatItUses() {
    String script = setupScript(render(PRODUCTION, Map.of(), PRODUCTION_SECRETS));

    Set<String> expected =
        new TreeSet<>(
            Set.of(
                "User:appmetrics-dashboard Read topic projects.config",
                "User:appmetrics-dashboard Write topic projects.config",
                "User:appmetrics-ingest Read topic projects.config",
                "User:appmetrics-ingest Write topic metrics.events",
                "User:appmetrics-ingest Write topic traces.*",
                "User:appmetrics-ingest Describe topic metrics.events.dlq",
                "User:appmetrics-ingest-writer Read topic projects.config",
                "User:appmetrics-ingest-writer Read topic metrics.events",
                "User:appmetrics-ingest-writer Read topic traces.*",
                "User:appmetrics-ingest-writer Write topic metrics.events.dlq",
                "User:appmetrics-ingest-writer Write topic traces.spans.dlq",
                "User:appmetrics-ingest-writer Write topic traces.logs.dlq",
                "User:appmetrics-ingest-writer Write topic traces.errors.dlq",
                "User:appmetrics-ingest-writer Read group ingest-clickhouse-writer*",
                "User:appmetrics-query Read topic projects.config",
                "User:appmetrics-monitor Read topic projects.config",
                "User:appmetrics-monitor Read topic monitor.notifications",
                "User:appmetrics-monitor Write topic monitor.notifications",
                "User:appmetrics-monitor Read group monitor-delivery"));
    assertEquals(expected, grants(script));
    assertEquals(
        Map.of(
            "projects.config",
            List.of(1, 3),
            "metrics.events",
            List.of(48, 3),
            "traces.spans",
            List.of(48, 3),
            "traces.logs",
            List.of(48, 3),
            "traces.errors",
            List.of(48, 3),
            "metrics.events.dlq",
            List.of(1, 3),
            "traces.spans.dlq",
            List.of(1, 3),
            "traces.logs.dlq",
            List.of(1, 3),
            "traces.errors.dlq",
            List.of(1, 3),
            "monitor.notifications",
            List.of(6, 3)),
        topics(script));
    assertTrue(
        script.contains(
            "--topic projects.config --partitions 1 --replication-factor 3 --config cleanup.policy=compact"),
        "the credentials topic must be compacted");
  }

  @Test
  void ingestPodsRunningTheWriterGetTheWritersAclsToo() {
    Set<String> ingest =
        grants(setupScript(render(null, PASSWORDS, Set.of()))).stream()
            .filter(grant -> grant.startsWith("User:appmetrics-ingest "))
            .collect(Collectors.toCollection(TreeSet::new));

    assertEquals(
        new TreeSet<>(
            Set.of(
                "User:appmetrics-ingest Read topic projects.config",
                "User:appmetrics-ingest Read topic metrics.events",
                "User:appmetrics-ingest Write topic metrics.events",
                "User:appmetrics-ingest Read topic traces.*",
                "User:appmetrics-ingest Write topic traces.*",
                "User:appmetrics-ingest Write topic metrics.events.dlq",
                "User:appmetrics-ingest Read group ingest-clickhouse-writer*")),
        ingest);
  }

  /** What monitor-service's Reactive Messaging channels use, read from its configuration, has its ACLs. */
  @Test
  void monitorMessagingChannelsAreCoveredByItsAcls() {
    Set<String> granted = grants(setupScript(render(PRODUCTION, Map.of(), PRODUCTION_SECRETS)));
    Properties properties = new Properties();
    try (Reader in =
        Files.newBufferedReader(
            HelmChartTest.REPOSITORY.resolve(
                "monitor-service/src/main/resources/application.properties"))) {
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Set<String> needed = new HashSet<>();
    for (String key : properties.stringPropertyNames()) {
      String value = properties.getProperty(key);
      if (key.matches("mp\\.messaging\\.incoming\\.[^.]+\\.topic")) {
        needed.add("User:appmetrics-monitor Read topic " + value);
      } else if (key.matches("mp\\.messaging\\.outgoing\\.[^.]+\\.topic")) {
        needed.add("User:appmetrics-monitor Write topic " + value);
      } else if (key.matches("mp\\.messaging\\.incoming\\.[^.]+\\.group\\.id")) {
        needed.add("User:appmetrics-monitor Read group " + value);
      }
    }
    assertFalse(
        needed.isEmpty(), "monitor-service has no messaging channels any more: update this test");
    needed.removeAll(granted);
    assertTrue(needed.isEmpty(), "monitor-service's user lacks " + needed);
  }

  private static Container container(Deployment deployment) {
    return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  private static String value(List<EnvVar> env, String name, String where) {
    int index = indexOf(env, name);
    assertTrue(index >= 0, where + " has no " + name);
    assertNotNull(env.get(index).getValue(), where + ": " + name + " has no value");
    return env.get(index).getValue();
  }

  private static int indexOf(List<EnvVar> env, String name) {
    for (int i = 0; i < env.size(); i++) {
      if (env.get(i).getName().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  private static String setupScript(Manifests manifests) {
    return manifests
        .named(ConfigMap.class, "appmetrics-kafka-setup")
        .getData()
        .get("kafka-setup.sh");
  }

  /**
   * Each acl line of the script as "principal operation type name", a prefixed name ending in "*"; every line is
   * checked to name one principal, one resource and at least one operation, so nothing is granted unread.
   */
  static Set<String> grants(String script) {
    Set<String> grants = new TreeSet<>();
    Matcher line = ACL.matcher(script);
    while (line.find()) {
      List<String> words = List.of(line.group(1).trim().split("\\s+"));
      String principal = null;
      String type = null;
      String name = null;
      boolean prefixed = false;
      List<String> operations = new java.util.ArrayList<>();
      for (int i = 0; i < words.size(); i += 2) {
        String option = words.get(i);
        String argument = words.get(i + 1);
        switch (option) {
          case "--allow-principal" -> principal = argument;
          case "--operation" -> operations.add(argument);
          case "--topic", "--group" -> {
            assertEquals(null, type, "one resource per acl line: " + line.group());
            type = option.substring(2);
            name = argument;
          }
          case "--resource-pattern-type" -> prefixed = argument.equals("prefixed");
          default ->
              throw new AssertionError("unexpected option " + option + " in " + line.group());
        }
      }
      assertNotNull(principal, line.group());
      assertNotNull(type, line.group());
      assertFalse(operations.isEmpty(), line.group());
      for (String operation : operations) {
        grants.add(principal + " " + operation + " " + type + " " + name + (prefixed ? "*" : ""));
      }
    }
    return grants;
  }

  private static Map<String, List<Integer>> topics(String script) {
    Map<String, List<Integer>> topics = new HashMap<>();
    Matcher line = TOPIC.matcher(script);
    while (line.find()) {
      topics.put(
          line.group(1), List.of(Integer.parseInt(line.group(2)), Integer.parseInt(line.group(3))));
    }
    return topics;
  }
}
