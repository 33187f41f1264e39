package dev.appmetrics.deploy;

import static dev.appmetrics.deploy.HelmChartTest.PRODUCTION;
import static dev.appmetrics.deploy.HelmChartTest.PRODUCTION_SECRETS;
import static dev.appmetrics.deploy.HelmChartTest.render;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Which sources each service's pods accept, decided the way a network plugin decides it: every policy selecting the
 * pods, each peer resolved to the Deployments (or the ingress controller) it selects.
 */
class NetworkPolicyTest {

  private static final String INGRESS_CONTROLLER = "ingress-controller";
  private static final Pattern SERVICE_URL =
      Pattern.compile("^https?://(appmetrics-[a-z-]+):(\\d+)");

  @Test
  void productionPodsAcceptOnlyTheIngressControllerAndTheServicesThatCallThem() {
    Manifests manifests = render(PRODUCTION, Map.of(), PRODUCTION_SECRETS);

    Map<String, Set<String>> sources = new TreeMap<>();
    manifests
        .all(Deployment.class)
        .forEach(d -> sources.put(d.getMetadata().getName(), sources(manifests, d)));
    assertEquals(
        Map.of(
            "appmetrics-dashboard", Set.of(INGRESS_CONTROLLER),
            "appmetrics-ingest", Set.of(INGRESS_CONTROLLER),
            "appmetrics-ingest-writer", Set.of(),
            "appmetrics-query", Set.of("appmetrics-dashboard", "appmetrics-monitor"),
            "appmetrics-monitor", Set.of("appmetrics-dashboard")),
        sources);
  }

  /** Every in-cluster service URL a service is configured with is admitted by the policy of the service it names. */
  @Test
  void everyConfiguredServiceUrlIsAdmitted() {
    Manifests manifests = render(PRODUCTION, Map.of(), PRODUCTION_SECRETS);

    int urls = 0;
    for (Deployment caller : manifests.all(Deployment.class)) {
      for (EnvFromSource from :
          caller.getSpec().getTemplate().getSpec().getContainers().get(0).getEnvFrom()) {
        for (String value :
            manifests.named(ConfigMap.class, from.getConfigMapRef().getName()).getData().values()) {
          Matcher url = SERVICE_URL.matcher(value);
          if (url.find()) {
            Service service = manifests.named(Service.class, url.group(1));
            Deployment target =
                manifests.all(Deployment.class).stream()
                    .filter(
                        d ->
                            d.getSpec()
                                .getTemplate()
                                .getMetadata()
                                .getLabels()
                                .entrySet()
                                .containsAll(service.getSpec().getSelector().entrySet()))
                    .findFirst()
                    .orElseThrow();
            assertTrue(
                sources(manifests, target).contains(caller.getMetadata().getName()),
                caller.getMetadata().getName()
                    + " calls "
                    + value
                    + " but its policy does not admit it");
            assertTrue(ports(manifests, target).contains(Integer.parseInt(url.group(2))), value);
            urls++;
          }
        }
      }
    }
    assertTrue(urls >= 3, "dashboard → query, dashboard → monitor, monitor → query: found " + urls);
  }

  @Test
  void defaultValuesCreateNoNetworkPolicy() {
    assertTrue(render(null, Map.of(), Set.of()).all(NetworkPolicy.class).isEmpty());
  }

  @Test
  void extraPeersReachEveryServiceOrOne() {
    Manifests manifests =
        render(
            PRODUCTION,
            Map.of(
                "networkPolicy.extraFrom.all[0].namespaceSelector.matchLabels.name", "monitoring",
                "networkPolicy.extraFrom.ingest[0].namespaceSelector.matchLabels.name", "apps"),
            PRODUCTION_SECRETS);

    for (Deployment deployment : manifests.all(Deployment.class)) {
      Set<String> namespaces =
          policies(manifests, deployment).stream()
              .flatMap(p -> p.getSpec().getIngress().stream())
              .flatMap(r -> r.getFrom().stream())
              .filter(peer -> peer.getNamespaceSelector() != null)
              .map(peer -> peer.getNamespaceSelector().getMatchLabels().getOrDefault("name", "?"))
              .collect(Collectors.toSet());
      assertTrue(namespaces.contains("monitoring"), deployment.getMetadata().getName());
      assertEquals(
          deployment.getMetadata().getName().equals("appmetrics-ingest"),
          namespaces.contains("apps"),
          deployment.getMetadata().getName());
    }
  }

  @Test
  void optionalPoliciesLetOnlyTheServicesReachKafkaAndClickHouse() {
    Manifests manifests =
        render(
            PRODUCTION,
            Map.of(
                "networkPolicy.kafka.enabled", "true", "networkPolicy.clickhouse.enabled", "true"),
            PRODUCTION_SECRETS);

    assertStorePolicy(
        manifests,
        "appmetrics-kafka-clients",
        "kafka",
        Map.of("strimzi.io/kind", "Kafka"),
        Set.of(
            "appmetrics-dashboard",
            "appmetrics-ingest",
            "appmetrics-ingest-writer",
            "appmetrics-query",
            "appmetrics-monitor"),
        Set.of(9092, 9093));
    assertStorePolicy(
        manifests,
        "appmetrics-clickhouse-clients",
        "clickhouse",
        Map.of("clickhouse.altinity.com/chi", "appmetrics"),
        Set.of("appmetrics-ingest", "appmetrics-ingest-writer", "appmetrics-query"),
        Set.of(8123));
    List<String> production = render(PRODUCTION, Map.of(), PRODUCTION_SECRETS).names();
    assertFalse(
        production.contains("NetworkPolicy/appmetrics-kafka-clients"),
        "optional: it lives in Kafka's namespace");
    assertFalse(
        production.contains("NetworkPolicy/appmetrics-clickhouse-clients"),
        "optional, like Kafka's");
  }

  private static void assertStorePolicy(
      Manifests manifests,
      String name,
      String namespace,
      Map<String, String> pods,
      Set<String> clients,
      Set<Integer> ports) {
    NetworkPolicy policy = manifests.named(NetworkPolicy.class, name);
    assertEquals(namespace, policy.getMetadata().getNamespace());
    assertEquals(pods, policy.getSpec().getPodSelector().getMatchLabels());
    assertEquals(List.of("Ingress"), policy.getSpec().getPolicyTypes());

    NetworkPolicyIngressRule services = policy.getSpec().getIngress().get(0);
    assertEquals(1, services.getFrom().size(), name);
    NetworkPolicyPeer peer = services.getFrom().get(0);
    assertEquals(
        Map.of("kubernetes.io/metadata.name", "appmetrics"),
        peer.getNamespaceSelector().getMatchLabels());
    Set<String> selected =
        manifests.all(Deployment.class).stream()
            .filter(
                d ->
                    selects(
                        peer.getPodSelector(), d.getSpec().getTemplate().getMetadata().getLabels()))
            .map(d -> d.getMetadata().getName())
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(new TreeSet<>(clients), selected, name);
    assertFalse(
        selects(
            peer.getPodSelector(),
            Map.of(
                "app.kubernetes.io/name",
                "ingest",
                "app.kubernetes.io/instance",
                "another-release")),
        "another release's pods");
    assertEquals(
        ports,
        services.getPorts().stream().map(p -> p.getPort().getIntVal()).collect(Collectors.toSet()));

    // The second rule admits the store's own namespace only: a pod selector without a namespace
    // selector.
    NetworkPolicyIngressRule own = policy.getSpec().getIngress().get(1);
    assertEquals(1, own.getFrom().size());
    assertNull(own.getFrom().get(0).getNamespaceSelector());
    assertNull(own.getFrom().get(0).getIpBlock());
    assertEquals(2, policy.getSpec().getIngress().size(), name);
  }

  /** The policies of the release's namespace selecting a Deployment's pods; at least one must. */
  private static List<NetworkPolicy> policies(Manifests manifests, Deployment deployment) {
    Map<String, String> labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
    List<NetworkPolicy> policies =
        manifests.all(NetworkPolicy.class).stream()
            .filter(p -> p.getMetadata().getNamespace() == null)
            .filter(p -> p.getSpec().getPolicyTypes().contains("Ingress"))
            .filter(p -> selects(p.getSpec().getPodSelector(), labels))
            .toList();
    assertFalse(
        policies.isEmpty(),
        deployment.getMetadata().getName() + " is selected by no policy: it accepts anyone");
    return policies;
  }

  /** The sources a Deployment's pods accept: Deployments of the release, or the ingress controller. */
  private static Set<String> sources(Manifests manifests, Deployment deployment) {
    Set<String> sources = new TreeSet<>();
    Set<Integer> ports =
        Set.of(
            deployment
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getPorts()
                .get(0)
                .getContainerPort());
    for (NetworkPolicy policy : policies(manifests, deployment)) {
      for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
        assertEquals(
            ports,
            rule.getPorts().stream()
                .map(NetworkPolicyPort::getPort)
                .map(p -> p.getIntVal())
                .collect(Collectors.toSet()),
            policy.getMetadata().getName() + " opens another port than HTTP");
        for (NetworkPolicyPeer peer : rule.getFrom()) {
          if (peer.getNamespaceSelector() != null) {
            assertEquals(
                Map.of("kubernetes.io/metadata.name", "ingress-nginx"),
                peer.getNamespaceSelector().getMatchLabels(),
                "unexpected namespace peer");
            assertEquals(
                Map.of("app.kubernetes.io/name", "ingress-nginx"),
                peer.getPodSelector().getMatchLabels());
            sources.add(INGRESS_CONTROLLER);
          } else {
            assertNull(peer.getIpBlock(), "an address block peer");
            List<String> selected =
                manifests.all(Deployment.class).stream()
                    .filter(
                        d ->
                            selects(
                                peer.getPodSelector(),
                                d.getSpec().getTemplate().getMetadata().getLabels()))
                    .map(d -> d.getMetadata().getName())
                    .toList();
            assertEquals(1, selected.size(), "a peer selecting " + selected);
            sources.addAll(selected);
          }
        }
      }
    }
    return sources;
  }

  private static Set<Integer> ports(Manifests manifests, Deployment deployment) {
    return policies(manifests, deployment).stream()
        .flatMap(p -> p.getSpec().getIngress().stream())
        .flatMap(r -> r.getPorts().stream())
        .map(p -> p.getPort().getIntVal())
        .collect(Collectors.toSet());
  }

  /** A label selector's meaning: every matchLabels entry and every matchExpressions requirement holds. */
  static boolean selects(LabelSelector selector, Map<String, String> labels) {
    if (selector == null) {
      return false;
    }
    boolean matches =
        Optional.ofNullable(selector.getMatchLabels()).orElse(Map.of()).entrySet().stream()
            .allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    for (LabelSelectorRequirement requirement :
        Optional.ofNullable(selector.getMatchExpressions()).orElse(List.of())) {
      String value = labels.get(requirement.getKey());
      matches &=
          switch (requirement.getOperator()) {
            case "In" -> value != null && requirement.getValues().contains(value);
            case "NotIn" -> value == null || !requirement.getValues().contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            default -> throw new AssertionError("operator " + requirement.getOperator());
          };
    }
    return matches;
  }
}
