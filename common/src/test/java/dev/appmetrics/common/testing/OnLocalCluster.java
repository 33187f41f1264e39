package dev.appmetrics.common.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * A {@code @QuarkusTest} profile that runs the service in cluster mode on the {@link LocalCluster}: ClickHouse at its
 * first server (shard 1, replica 1), the migrations applied ON CLUSTER, and every table read and written through its
 * Distributed table. The test database is the usual one, on the cluster's own servers.
 */
public class OnLocalCluster implements QuarkusTestProfile {

  /** The server the service talks to; a fault test kills the others. */
  public static final String NODE = "s1r1";

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "appmetrics.clickhouse.url",
        LocalCluster.url(NODE),
        "appmetrics.clickhouse.cluster",
        LocalCluster.NAME);
  }

  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(new TestResourceEntry(Running.class));
  }

  /** Starts the cluster before the service, which migrates it at start-up. */
  public static class Running implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
      LocalCluster.ensureRunning();
      return Map.of();
    }

    @Override
    public void stop() {
      // Stopped when the JVM that started it exits (LocalCluster), or by ./platform test.
    }
  }
}
