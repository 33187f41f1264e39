package dev.appmetrics.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HelmChartTest {

  static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
  static final Path CHART = REPOSITORY.resolve("helm/appmetrics");
  static final Path PRODUCTION = CHART.resolve("values-production.yaml");
  private static final Set<String> COMPONENTS = Set.of("appmetrics-dashboard", "appmetrics-ingest",
      "appmetrics-query", "appmetrics-monitor");

  /** helm template appmetrics helm/appmetrics [-f values] [--set k=v ...], parsed and validated. */
  static Manifests render(Path values, Map<String, String> sets, Set<String> externalSecrets) {
    TemplateCommand template = new Helm(CHART).template().withName("appmetrics").withNamespace("appmetrics");
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
    manifests.all(HorizontalPodAutoscaler.class).forEach(hpa -> autoscaled.add(hpa.getMetadata().getName()));
    assertEquals(Set.of("appmetrics-dashboard", "appmetrics-ingest", "appmetrics-query"), autoscaled);
    assertEquals(2, manifests.named(Deployment.class, "appmetrics-monitor").getSpec().getReplicas());
    manifests.named(Secret.class, "appmetrics-secrets");
    assertTrue(manifests.all(Ingress.class).isEmpty());
  }

  @Test
  void defaultValuesSetEveryEnvironmentVariableTheServicesNeed() {
    assertServicesConfigured(render(null, Map.of(), Set.of()));
  }

  @Test
  void productionValuesSetEveryEnvironmentVariableTheServicesNeed() {
    assertServicesConfigured(render(PRODUCTION, Map.of(), Set.of("appmetrics-secrets")));
  }

  @Test
  void productionRunsTheWriterAsItsOwnDeploymentAndTurnsItOffInIngestPods() {
    Manifests manifests = render(PRODUCTION, Map.of(), Set.of("appmetrics-secrets"));

    Deployment ingest = manifests.named(Deployment.class, "appmetrics-ingest");
    Deployment writer = manifests.named(Deployment.class, "appmetrics-ingest-writer");
    assertEquals(ingest.getSpec().getTemplate().getSpec().getContainers().get(0).getImage(),
        writer.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
    assertEquals("false", manifests.configValue(ingest, "APPMETRICS_INGEST_WRITER_ENABLED").orElseThrow());
    assertEquals("true", manifests.configValue(writer, "APPMETRICS_INGEST_WRITER_ENABLED").orElseThrow());
    assertEquals(48, manifests.named(HorizontalPodAutoscaler.class, "appmetrics-ingest-writer").getSpec()
        .getMaxReplicas());
    assertEquals("48", manifests.configValue(ingest, "APPMETRICS_INGEST_TOPIC_PARTITIONS").orElseThrow());
  }

  @Test
  void defaultValuesLeaveTheWriterInsideIngestPods() {
    Manifests manifests = render(null, Map.of(), Set.of());

    assertFalse(manifests.names().contains("Deployment/appmetrics-ingest-writer"));
    assertEquals("true", manifests.configValue(manifests.named(Deployment.class, "appmetrics-ingest"),
        "APPMETRICS_INGEST_WRITER_ENABLED").orElseThrow());
  }

  @Test
  void productionSelectsClickHouseClusterModeForEveryClickHouseUser() {
    Manifests manifests = render(PRODUCTION, Map.of(), Set.of("appmetrics-secrets"));

    for (String component : Set.of("appmetrics-ingest", "appmetrics-ingest-writer", "appmetrics-query")) {
      assertEquals("appmetrics", manifests.configValue(manifests.named(Deployment.class, component),
          "APPMETRICS_CLICKHOUSE_CLUSTER").orElseThrow(), component);
    }
  }

  @Test
  void existingSecretReplacesTheChartsSecret() {
    Manifests manifests = render(PRODUCTION, Map.of(), Set.of("appmetrics-secrets"));

    assertTrue(manifests.all(Secret.class).isEmpty());
    manifests.all(Deployment.class).forEach(deployment -> deployment.getSpec().getTemplate().getSpec()
        .getContainers().get(0).getEnv().forEach(env -> assertEquals("appmetrics-secrets",
            env.getValueFrom().getSecretKeyRef().getName())));
  }

  @Test
  void productionIngressRoutesDashboardAndIngestHostsWithTls() {
    Ingress ingress = render(PRODUCTION, Map.of(), Set.of("appmetrics-secrets")).named(Ingress.class, "appmetrics");

    Map<String, String> backends = new java.util.TreeMap<>();
    ingress.getSpec().getRules().forEach(rule -> backends.put(rule.getHost(),
        rule.getHttp().getPaths().get(0).getBackend().getService().getName()));
    assertEquals(Map.of("appmetrics.example.com", "appmetrics-dashboard",
        "ingest.appmetrics.example.com", "appmetrics-ingest"), backends);
    assertEquals("appmetrics-tls", ingress.getSpec().getTls().get(0).getSecretName());
    assertEquals("nginx", ingress.getSpec().getIngressClassName());
  }

  @Test
  void dsnsNameThePublicIngestHostBehindTheIngressAndTheServiceWithoutIt() {
    Manifests production = render(PRODUCTION, Map.of(), Set.of("appmetrics-secrets"));
    Manifests internal = render(null, Map.of(), Set.of());

    assertEquals("https://ingest.appmetrics.example.com", production.configValue(
        production.named(Deployment.class, "appmetrics-dashboard"), "APPMETRICS_DSN_PUBLIC_INGEST_URL").orElseThrow());
    assertEquals("http://appmetrics-ingest:8081", internal.configValue(
        internal.named(Deployment.class, "appmetrics-dashboard"), "APPMETRICS_DSN_PUBLIC_INGEST_URL").orElseThrow());
  }

  @Test
  void serviceMonitorsScrapeEveryServiceWhenEnabled() {
    Manifests manifests = render(null, Map.of("serviceMonitor.enabled", "true"), Set.of());

    assertEquals(4, manifests.all(GenericKubernetesResource.class).size());
  }

  private static void assertServicesConfigured(Manifests manifests) {
    for (Deployment deployment : manifests.all(Deployment.class)) {
      String module = deployment.getMetadata().getLabels().get("app.kubernetes.io/component");
      Set<String> required = ServiceProperties.requiredEnvironment(REPOSITORY, module);
      Set<String> missing = new java.util.TreeSet<>(required);
      missing.removeAll(manifests.environment(deployment));
      assertTrue(missing.isEmpty(), deployment.getMetadata().getName() + " (" + module + ") lacks " + missing);
    }
    Set<String> modules = new HashSet<>();
    manifests.all(Deployment.class).forEach(d -> modules.add(d.getMetadata().getLabels()
        .get("app.kubernetes.io/component")));
    assertEquals(ServiceProperties.MODULES, modules);
  }
}
