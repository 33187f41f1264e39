package dev.appmetrics.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HelmChartTest {

  static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
  static final Path CHART = REPOSITORY.resolve("helm/appmetrics");
  static final Path PRODUCTION = CHART.resolve("values-production.yaml");

  /** Secrets the production values expect to exist outside the chart: tokens and passwords, the Kafka brokers' CA. */
  static final Set<String> PRODUCTION_SECRETS = Set.of("appmetrics-secrets", "appmetrics-kafka-ca");

  private static final Set<String> COMPONENTS =
      Set.of("appmetrics-dashboard", "appmetrics-ingest", "appmetrics-query", "appmetrics-monitor");

  /** helm template appmetrics helm/appmetrics [-f values] [--set k=v ...], parsed and validated. */
  static Manifests render(Path values, Map<String, String> sets, Set<String> externalSecrets) {
    TemplateCommand template =
        new Helm(CHART).template().withName("appmetrics").withNamespace("appmetrics");
    if (values != null) {
      template.withValuesFile(values);
    }
    sets.forEach(template::set);
    Manifests manifests = Manifests.parse(template.call(), externalSecrets);
    manifests.assertValid();
    return manifests;
  }

  @Test
  void lintPassesInStrictMode() {
    LintResult lint = new Helm(CHART).lint().strict().call();

    assertFalse(lint.isFailed(), String.join("\n", lint.getMessages()));
  }

  @Test
  void defaultValuesRenderEveryServiceWithServicePodDisruptionBudgetAndAutoscaler() {
    Manifests manifests = render(null, Map.of(), Set.of());

    for (String component : COMPONENTS) {
      manifests.named(Deployment.class, component);
      manifests.named(Service.class, component);
      manifests.named(PodDisruptionBudget.class, component);
    }
    Set<String> autoscaled = new HashSet<>();
    manifests
        .all(HorizontalPodAutoscaler.class)
        .forEach(hpa -> autoscaled.add(hpa.getMetadata().getName()));
    assertEquals(
        Set.of("appmetrics-dashboard", "appmetrics-ingest", "appmetrics-query"), autoscaled);
    assertEquals(
        2, manifests.named(Deployment.class, "appmetrics-monitor").getSpec().getReplicas());
    manifests.named(Secret.class, "appmetrics-secrets");
    assertTrue(manifests.all(Ingress.class).isEmpty());
  }

  @Test
  void defaultValuesSetEveryEnvironmentVariableTheServicesNeed() {
    assertServicesConfigured(render(null, Map.of(), Set.of()));
  }

  @Test
  void productionValuesSetEveryEnvironmentVariableTheServicesNeed() {
    assertServicesConfigured(render(PRODUCTION, Map.of(), PRODUCTION_SECRETS));
  }

  @Test
  void productionRunsTheWriterAsItsOwnDeploymentAndTurnsItOffInIngestPods() {
    Manifests manifests = render(PRODUCTION, Map.of(), PRODUCTION_SECRETS);

    Deployment ingest = manifests.named(Deployment.class, "appmetrics-ingest");
    Deployment writer = manifests.named(Deployment.class, "appmetrics-ingest-writer");
    assertEquals(
        ingest.getSpec().getTemplate().getSpec().getContainers().get(0).getImage(),
        writer.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
    assertEquals(
        "false", manifests.configValue(ingest, "APPMETRICS_INGEST_WRITER_ENABLED").orElseThrow());
    assertEquals(
        "true", manifests.configValue(writer, "APPMETRICS_INGEST_WRITER_ENABLED").orElseThrow());
    assertEquals(
        48,
        manifests
            .named(HorizontalPodAutoscaler.class, "appmetrics-ingest-writer")
            .getSpec()
            .getMaxReplicas());
    assertEquals(
        "48", manifests.configValue(ingest, "APPMETRICS_INGEST_TOPIC_PARTITIONS").orElseThrow());
  }

  @Test
  void productionReplicationReachesEveryServiceThatCreatesTopics() {
    Manifests manifests = render(PRODUCTION, Map.of(), PRODUCTION_SECRETS);

    // projects.config (every service), monitor.notifications and the ingest topics, all created at
    // start-up.
    for (String service :
        List.of(
            "appmetrics-ingest",
            "appmetrics-ingest-writer",
            "appmetrics-query",
            "appmetrics-monitor",
            "appmetrics-dashboard")) {
      assertEquals(
          "3",
          manifests
              .configValue(
                  manifests.named(Deployment.class, service),
                  "APPMETRICS_KAFKA_TOPICS_REPLICATION_FACTOR")
              .orElseThrow(),
          service);
    }
  }

  @Test
  void defaultValuesLeaveTheWriterInsideIngestPods() {
    Manifests manifests = render(null, Map.of(), Set.of());

    assertFalse(manifests.names().contains("Deployment/appmetrics-ingest-writer"));
    assertEquals(
        "true",
        manifests
            .configValue(
                manifests.named(Deployment.class, "appmetrics-ingest"),
                "APPMETRICS_INGEST_WRITER_ENABLED")
            .orElseThrow());
  }

  @Test
  void productionSelectsClickHouseClusterModeForEveryClickHouseUser() {
    Manifests manifests = render(PRODUCTION, Map.of(), PRODUCTION_SECRETS);

    for (String component :
        Set.of("appmetrics-ingest", "appmetrics-ingest-writer", "appmetrics-query")) {
      assertEquals(
          "appmetrics",
          manifests
              .configValue(
                  manifests.named(Deployment.class, component), "APPMETRICS_CLICKHOUSE_CLUSTER")
              .orElseThrow(),
          component);
    }
  }

  @Test
  void existingSecretReplacesTheChartsSecret() {
    Manifests manifests = render(PRODUCTION, Map.of(), PRODUCTION_SECRETS);

    assertTrue(manifests.all(Secret.class).isEmpty());
    manifests
        .all(Deployment.class)
        .forEach(
            deployment ->
                deployment
                    .getSpec()
                    .getTemplate()
                    .getSpec()
                    .getContainers()
                    .get(0)
                    .getEnv()
                    .stream()
                    .filter(env -> env.getValueFrom() != null)
                    .forEach(
                        env ->
                            assertEquals(
                                "appmetrics-secrets",
                                env.getValueFrom().getSecretKeyRef().getName())));
  }

  @Test
  void productionIngressRoutesDashboardAndIngestHostsWithTls() {
    Ingress ingress =
        render(PRODUCTION, Map.of(), PRODUCTION_SECRETS).named(Ingress.class, "appmetrics");

    Map<String, String> backends = new java.util.TreeMap<>();
    ingress
        .getSpec()
        .getRules()
        .forEach(
            rule ->
                backends.put(
                    rule.getHost(),
                    rule.getHttp().getPaths().get(0).getBackend().getService().getName()));
    assertEquals(
        Map.of(
            "appmetrics.example.com",
            "appmetrics-dashboard",
            "ingest.appmetrics.example.com",
            "appmetrics-ingest"),
        backends);
    assertEquals("appmetrics-tls", ingress.getSpec().getTls().get(0).getSecretName());
    assertEquals("nginx", ingress.getSpec().getIngressClassName());
  }

  @Test
  void ingressRoutesOnlyTheApiOtlpAndTheUiNeverQuarkusEndpoints() {
    // Every service on a host of its own, so the paths of query-service and monitor-service are
    // checked too.
    Ingress ingress =
        render(
                PRODUCTION,
                Map.of(
                    "services.query.ingressHost",
                    "query.appmetrics.example.com",
                    "services.monitor.ingressHost",
                    "monitor.appmetrics.example.com"),
                PRODUCTION_SECRETS)
            .named(Ingress.class, "appmetrics");

    ingress
        .getSpec()
        .getRules()
        .forEach(
            rule ->
                rule.getHttp()
                    .getPaths()
                    .forEach(
                        path ->
                            assertFalse(
                                path.getPath().equals("/q") || path.getPath().startsWith("/q/"),
                                rule.getHost() + " routes " + path.getPath())));
    List<String> quarkus =
        List.of(
            "/q",
            "/q/",
            "/q/metrics",
            "/q/openapi",
            "/q/swagger-ui/",
            "/q/swagger-ui/index.html",
            "/q/health/ready",
            "/q/dev-ui");
    for (String host :
        List.of(
            "appmetrics.example.com",
            "ingest.appmetrics.example.com",
            "query.appmetrics.example.com",
            "monitor.appmetrics.example.com")) {
      quarkus.forEach(path -> assertFalse(routes(ingress, host, path), host + " routes " + path));
      assertTrue(routes(ingress, host, "/api/v1/anything"), host + " does not route its API");
    }

    String dashboard = "appmetrics.example.com";
    List<String> ui =
        new ArrayList<>(
            List.of(
                "/", "/assets/index-CmvNyFjD.js", "/api/v1/projects", "/api/v1/query/timeseries"));
    for (String page : singlePageAppPages()) {
      ui.add("/" + page);
      ui.add("/" + page + "/7");
    }
    ui.forEach(
        path ->
            assertTrue(routes(ingress, dashboard, path), dashboard + " does not route " + path));
    assertFalse(
        routes(ingress, dashboard, "/explorers"), "a Prefix path matches whole segments only");

    String ingest = "ingest.appmetrics.example.com";
    for (String path :
        List.of(
            "/api/42/envelope/",
            "/api/42/integration/otlp/v1/metrics",
            "/api/v1/projects/42/metrics",
            "/v1/metrics",
            "/v1/traces",
            "/v1/logs")) {
      assertTrue(routes(ingress, ingest, path), ingest + " does not route " + path);
    }
    assertFalse(routes(ingress, ingest, "/"), ingest + " routes /");
    assertFalse(routes(ingress, "query.appmetrics.example.com", "/"), "query-service routes /");
  }

  @Test
  void chartRefusesIngressPathsThatWouldExposeQuarkusEndpoints() {
    for (Map<String, String> exposing :
        List.of(
            Map.of("services.dashboard.ingressPaths.prefix[0]", "/"),
            Map.of(
                "services.ingest.ingressPaths.prefix[0]",
                "/api",
                "services.ingest.ingressPaths.prefix[1]",
                "/q"),
            Map.of("services.ingest.ingressPaths.exact[0]", "/q/metrics"),
            Map.of(
                "services.query.ingressHost",
                "query.example.com",
                "services.query.ingressPaths.prefix[0]",
                "/q/"))) {
      IllegalStateException refused =
          assertThrows(
              IllegalStateException.class,
              () -> render(PRODUCTION, exposing, PRODUCTION_SECRETS),
              exposing.toString());
      assertTrue(
          refused.getMessage().contains("would expose Quarkus' /q/ endpoints"),
          refused.getMessage());
    }
  }

  @Test
  void dsnsNameThePublicIngestHostBehindTheIngressAndTheServiceWithoutIt() {
    Manifests production = render(PRODUCTION, Map.of(), PRODUCTION_SECRETS);
    Manifests internal = render(null, Map.of(), Set.of());

    assertEquals(
        "https://ingest.appmetrics.example.com",
        production
            .configValue(
                production.named(Deployment.class, "appmetrics-dashboard"),
                "APPMETRICS_DSN_PUBLIC_INGEST_URL")
            .orElseThrow());
    assertEquals(
        "http://appmetrics-ingest:8081",
        internal
            .configValue(
                internal.named(Deployment.class, "appmetrics-dashboard"),
                "APPMETRICS_DSN_PUBLIC_INGEST_URL")
            .orElseThrow());
  }

  @Test
  void serviceMonitorsScrapeEveryServiceWhenEnabled() {
    Manifests manifests = render(null, Map.of("serviceMonitor.enabled", "true"), Set.of());

    assertEquals(4, manifests.all(GenericKubernetesResource.class).size());
  }

  /**
   * Whether an Ingress sends a request for host and path to a backend, by the networking.k8s.io/v1 rules: Exact is
   * the path itself; Prefix matches whole path elements split by "/" (a trailing slash ignored, "/" matches all).
   */
  static boolean routes(Ingress ingress, String host, String path) {
    return ingress.getSpec().getRules().stream()
        .filter(rule -> host.equals(rule.getHost()))
        .flatMap(rule -> rule.getHttp().getPaths().stream())
        .anyMatch(
            rule ->
                switch (rule.getPathType()) {
                  case "Exact" -> rule.getPath().equals(path);
                  case "Prefix" -> {
                    List<String> prefix = elements(rule.getPath());
                    List<String> request = elements(path);
                    yield request.size() >= prefix.size()
                        && request.subList(0, prefix.size()).equals(prefix);
                  }
                  default ->
                      throw new AssertionError(
                          "pathType " + rule.getPathType() + " has no portable meaning");
                });
  }

  private static List<String> elements(String path) {
    return Arrays.stream(path.split("/")).filter(element -> !element.isEmpty()).toList();
  }

  /** The UI's pages, from the route of dashboard-service's SinglePageApp (explorer|dashboards|…). */
  static List<String> singlePageAppPages() {
    Path source =
        REPOSITORY.resolve(
            "dashboard-service/src/main/java/dev/appmetrics/dashboard/web/SinglePageApp.java");
    Matcher route;
    try {
      route = Pattern.compile("\\{page: ([a-z|-]+)}").matcher(Files.readString(source));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertTrue(route.find(), "no {page: …} route in " + source);
    return List.of(route.group(1).split("\\|"));
  }

  private static void assertServicesConfigured(Manifests manifests) {
    for (Deployment deployment : manifests.all(Deployment.class)) {
      String module = deployment.getMetadata().getLabels().get("app.kubernetes.io/component");
      Set<String> required = ServiceProperties.requiredEnvironment(REPOSITORY, module);
      Set<String> missing = new java.util.TreeSet<>(required);
      missing.removeAll(manifests.environment(deployment));
      assertTrue(
          missing.isEmpty(),
          deployment.getMetadata().getName() + " (" + module + ") lacks " + missing);
    }
    Set<String> modules = new HashSet<>();
    manifests
        .all(Deployment.class)
        .forEach(d -> modules.add(d.getMetadata().getLabels().get("app.kubernetes.io/component")));
    assertEquals(ServiceProperties.MODULES, modules);
  }
}
