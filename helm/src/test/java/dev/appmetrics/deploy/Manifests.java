package dev.appmetrics.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Rendered manifests parsed into fabric8's typed Kubernetes models, and the checks a cluster's API server and
 * controllers would make: no field the schema does not know, required fields present, every reference (selectors,
 * ConfigMaps, Secrets, Services, ports, scale targets) pointing at something that exists.
 */
record Manifests(List<HasMetadata> objects, Set<String> externalSecrets) {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

  static Manifests parse(String yaml, Set<String> externalSecrets) {
    List<HasMetadata> objects = new ArrayList<>();
    for (String document : DOCUMENT_SEPARATOR.split(yaml)) {
      boolean empty =
          document
              .lines()
              .map(String::strip)
              .allMatch(line -> line.isEmpty() || line.startsWith("#"));
      if (!empty) {
        objects.add(SERIALIZATION.unmarshal(document, HasMetadata.class));
      }
    }
    return new Manifests(objects, externalSecrets);
  }

  <T extends HasMetadata> List<T> all(Class<T> kind) {
    return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
  }

  <T extends HasMetadata> T named(Class<T> kind, String name) {
    return all(kind).stream()
        .filter(o -> o.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    "No " + kind.getSimpleName() + " named " + name + " in " + names()));
  }

  List<String> names() {
    return objects.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList();
  }

  /** Every environment variable a Deployment's first container gets: env entries and envFrom ConfigMap keys. */
  Set<String> environment(Deployment deployment) {
    Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    Set<String> names = new LinkedHashSet<>();
    Optional.ofNullable(container.getEnv())
        .orElse(List.of())
        .forEach(env -> names.add(env.getName()));
    for (EnvFromSource from : Optional.ofNullable(container.getEnvFrom()).orElse(List.of())) {
      names.addAll(named(ConfigMap.class, from.getConfigMapRef().getName()).getData().keySet());
    }
    return names;
  }

  /** The value of a plain environment variable set through a ConfigMap, if any. */
  Optional<String> configValue(Deployment deployment, String name) {
    Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    return Optional.ofNullable(container.getEnvFrom()).orElse(List.of()).stream()
        .map(from -> named(ConfigMap.class, from.getConfigMapRef().getName()).getData().get(name))
        .filter(value -> value != null)
        .findFirst();
  }

  void assertValid() {
    assertFalse(objects.isEmpty(), "nothing rendered");
    for (HasMetadata object : objects) {
      String where = object.getKind() + "/" + object.getMetadata().getName();
      assertTrue(
          DNS_LABEL.matcher(object.getMetadata().getName()).matches(),
          where + ": name is not a DNS label");
      assertTrue(object.getMetadata().getName().length() <= 63, where + ": name longer than 63");
      if (!(object instanceof GenericKubernetesResource)) {
        assertKnownFields(object, where);
      }
    }
    all(Deployment.class).forEach(this::assertDeployment);
    all(Service.class).forEach(this::assertService);
    all(HorizontalPodAutoscaler.class)
        .forEach(
            hpa -> {
              assertEquals("Deployment", hpa.getSpec().getScaleTargetRef().getKind());
              named(Deployment.class, hpa.getSpec().getScaleTargetRef().getName());
              assertTrue(
                  hpa.getSpec().getMinReplicas() <= hpa.getSpec().getMaxReplicas(),
                  "HPA min above max");
            });
    all(PodDisruptionBudget.class)
        .forEach(
            pdb ->
                assertSelectsDeployment(
                    pdb.getSpec().getSelector().getMatchLabels(),
                    "PodDisruptionBudget/" + pdb.getMetadata().getName()));
    all(Ingress.class).forEach(this::assertIngress);
    all(NetworkPolicy.class).forEach(this::assertNetworkPolicy);
    all(GenericKubernetesResource.class).forEach(this::assertServiceMonitor);
    Set<String> unique = new LinkedHashSet<>(names());
    assertEquals(names().size(), unique.size(), "duplicate objects: " + names());
  }

  private void assertDeployment(Deployment deployment) {
    String where = "Deployment/" + deployment.getMetadata().getName();
    Map<String, String> selector = deployment.getSpec().getSelector().getMatchLabels();
    Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
    assertFalse(selector.isEmpty(), where + ": empty selector");
    assertTrue(
        podLabels.entrySet().containsAll(selector.entrySet()),
        where + ": selector does not match pod labels");
    List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
    assertFalse(containers.isEmpty(), where + ": no container");
    for (Container container : containers) {
      assertNotNull(container.getImage(), where + ": no image");
      assertTrue(container.getImage().contains(":"), where + ": image without tag");
      for (String resource : List.of("cpu", "memory")) {
        assertNotNull(
            container.getResources().getRequests().get(resource),
            where + ": no " + resource + " request");
        assertNotNull(
            container.getResources().getLimits().get(resource),
            where + ": no " + resource + " limit");
      }
      Set<String> ports =
          container.getPorts().stream().map(p -> p.getName()).collect(Collectors.toSet());
      assertProbe(container.getLivenessProbe(), "/q/health/live", ports, where + " liveness");
      assertProbe(container.getReadinessProbe(), "/q/health/ready", ports, where + " readiness");
      for (EnvFromSource from : Optional.ofNullable(container.getEnvFrom()).orElse(List.of())) {
        named(ConfigMap.class, from.getConfigMapRef().getName());
      }
      for (EnvVar env : Optional.ofNullable(container.getEnv()).orElse(List.of())) {
        if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
          assertSecretKey(
              env.getValueFrom().getSecretKeyRef().getName(),
              env.getValueFrom().getSecretKeyRef().getKey(),
              where);
        }
      }
      Set<String> volumes =
          Optional.ofNullable(deployment.getSpec().getTemplate().getSpec().getVolumes())
              .orElse(List.of())
              .stream()
              .map(Volume::getName)
              .collect(Collectors.toSet());
      for (VolumeMount mount : Optional.ofNullable(container.getVolumeMounts()).orElse(List.of())) {
        assertTrue(
            volumes.contains(mount.getName()),
            where + ": mounts volume " + mount.getName() + " it lacks");
      }
    }
    for (Volume volume :
        Optional.ofNullable(deployment.getSpec().getTemplate().getSpec().getVolumes())
            .orElse(List.of())) {
      if (volume.getSecret() != null) {
        if (!externalSecrets.contains(volume.getSecret().getSecretName())) {
          named(Secret.class, volume.getSecret().getSecretName());
        }
        for (KeyToPath item :
            Optional.ofNullable(volume.getSecret().getItems()).orElse(List.of())) {
          assertSecretKey(
              volume.getSecret().getSecretName(),
              item.getKey(),
              where + " volume " + volume.getName());
        }
      }
    }
  }

  /** A Secret the chart renders must hold the key; one the values expect to exist outside it is trusted. */
  private void assertSecretKey(String secret, String key, String where) {
    if (!externalSecrets.contains(secret)) {
      Secret rendered = named(Secret.class, secret);
      Map<String, String> data =
          Optional.ofNullable(rendered.getData()).orElse(rendered.getStringData());
      assertTrue(data.containsKey(key), where + ": Secret " + secret + " has no key " + key);
    }
  }

  private static void assertProbe(Probe probe, String path, Set<String> ports, String where) {
    assertNotNull(probe, where + " probe missing");
    assertEquals(path, probe.getHttpGet().getPath(), where + " path");
    assertTrue(
        ports.contains(probe.getHttpGet().getPort().getStrVal()),
        where + " probes a port the container lacks");
  }

  private void assertService(Service service) {
    String where = "Service/" + service.getMetadata().getName();
    Deployment target = assertSelectsDeployment(service.getSpec().getSelector(), where);
    Set<String> ports =
        target.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts().stream()
            .map(p -> p.getName())
            .collect(Collectors.toSet());
    service
        .getSpec()
        .getPorts()
        .forEach(
            port ->
                assertTrue(
                    ports.contains(port.getTargetPort().getStrVal()),
                    where + ": targetPort " + port.getTargetPort() + " is not a container port"));
  }

  private Deployment assertSelectsDeployment(Map<String, String> selector, String where) {
    assertTrue(selector != null && !selector.isEmpty(), where + ": empty selector");
    return all(Deployment.class).stream()
        .filter(
            d ->
                d.getSpec()
                    .getTemplate()
                    .getMetadata()
                    .getLabels()
                    .entrySet()
                    .containsAll(selector.entrySet()))
        .findFirst()
        .orElseThrow(() -> new AssertionError(where + ": selects no Deployment's pods"));
  }

  private void assertIngress(Ingress ingress) {
    assertFalse(ingress.getSpec().getRules().isEmpty(), "Ingress without rules");
    for (IngressRule rule : ingress.getSpec().getRules()) {
      assertNotNull(rule.getHost(), "Ingress rule without host");
      rule.getHttp()
          .getPaths()
          .forEach(
              path -> {
                Service service = named(Service.class, path.getBackend().getService().getName());
                String port = path.getBackend().getService().getPort().getName();
                assertTrue(
                    service.getSpec().getPorts().stream().anyMatch(p -> p.getName().equals(port)),
                    "Ingress names port "
                        + port
                        + " that Service "
                        + service.getMetadata().getName()
                        + " lacks");
              });
    }
  }

  /**
   * A policy of the release's namespace selects some Deployment's pods, and so does each peer naming pods of that
   * namespace; no rule lacks "from", which would admit every source. A policy the chart places in another
   * namespace (Kafka's, ClickHouse's) selects pods this render cannot see.
   */
  private void assertNetworkPolicy(NetworkPolicy policy) {
    String where = "NetworkPolicy/" + policy.getMetadata().getName();
    String home =
        all(Deployment.class).stream()
            .map(d -> d.getMetadata().getNamespace())
            .filter(Objects::nonNull)
            .findFirst()
            .orElse(null);
    boolean external = !Objects.equals(home, policy.getMetadata().getNamespace());
    if (!external) {
      assertSelectsDeployment(policy.getSpec().getPodSelector().getMatchLabels(), where);
    }
    assertTrue(
        policy.getSpec().getPolicyTypes().contains("Ingress"), where + ": not an Ingress policy");
    for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
      assertTrue(
          rule.getFrom() != null && !rule.getFrom().isEmpty(),
          where + ": a rule without from admits everyone");
      for (NetworkPolicyPeer peer : rule.getFrom()) {
        boolean podsHere =
            peer.getNamespaceSelector() == null
                && peer.getIpBlock() == null
                && peer.getPodSelector() != null
                && peer.getPodSelector().getMatchLabels() != null
                && !peer.getPodSelector().getMatchLabels().isEmpty();
        if (podsHere && !external) {
          assertSelectsDeployment(peer.getPodSelector().getMatchLabels(), where + " peer");
        }
      }
    }
  }

  @SuppressWarnings("unchecked")
  private void assertServiceMonitor(GenericKubernetesResource resource) {
    assertEquals(
        "ServiceMonitor", resource.getKind(), "unexpected custom resource " + resource.getKind());
    assertEquals("monitoring.coreos.com/v1", resource.getApiVersion());
    Map<String, Object> spec = (Map<String, Object>) resource.getAdditionalProperties().get("spec");
    Map<String, String> selector =
        (Map<String, String>) ((Map<String, Object>) spec.get("selector")).get("matchLabels");
    Service service =
        all(Service.class).stream()
            .filter(s -> s.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("ServiceMonitor selects no Service"));
    for (Map<String, Object> endpoint : (List<Map<String, Object>>) spec.get("endpoints")) {
      assertTrue(
          service.getSpec().getPorts().stream()
              .anyMatch(p -> p.getName().equals(endpoint.get("port"))),
          "ServiceMonitor scrapes a port the Service lacks");
      assertTrue(String.valueOf(endpoint.get("path")).startsWith("/"), "ServiceMonitor path");
    }
  }

  /**
   * fabric8 keeps fields its schema does not know in additionalProperties instead of failing, so a misspelt
   * field (readinesProbe) would pass unnoticed; this walks the typed tree and fails on any.
   */
  private static void assertKnownFields(Object node, String path) {
    if (node == null) {
      return;
    }
    if (node instanceof Collection<?> items) {
      int i = 0;
      for (Object item : items) {
        assertKnownFields(item, path + "[" + i++ + "]");
      }
      return;
    }
    if (node instanceof Map<?, ?> map) {
      map.forEach((key, value) -> assertKnownFields(value, path + "." + key));
      return;
    }
    if (!node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
      return;
    }
    for (Method getter : node.getClass().getMethods()) {
      if (getter.getParameterCount() != 0
          || Modifier.isStatic(getter.getModifiers())
          || !getter.getName().startsWith("get")
          || getter.getName().equals("getClass")) {
        continue;
      }
      Object value;
      try {
        value = getter.invoke(node);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
      if (getter.getName().equals("getAdditionalProperties")) {
        if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
          fail(path + ": fields unknown to the Kubernetes schema: " + extra.keySet());
        }
      } else {
        assertKnownFields(value, path + "." + getter.getName().substring(3));
      }
    }
  }
}
