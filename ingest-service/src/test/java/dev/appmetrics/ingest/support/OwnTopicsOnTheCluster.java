package dev.appmetrics.ingest.support;

import dev.appmetrics.common.testing.OnLocalCluster;
import java.util.HashMap;
import java.util.Map;

/**
 * ingest-service in cluster mode on the local cluster ({@link OnLocalCluster}), with topics and consumer groups of its
 * own, so that its writers drain only these tests' events into the cluster and never take the shared test topics'
 * partitions from the writer of the single-server tests.
 */
public class OwnTopicsOnTheCluster extends OnLocalCluster {

  @Override
  public Map<String, String> getConfigOverrides() {
    Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
    overrides.put("appmetrics.ingest.topic.name", "cluster-test.metrics.events");
    overrides.put("appmetrics.ingest.topic.traces-prefix", "cluster-test.traces");
    overrides.put("appmetrics.ingest.writer.consumer-group", "cluster-test-writer");
    // Short enough that a restarted replica or writer is noticed quickly, long enough to ride
    // through one.
    overrides.put("appmetrics.ingest.writer.retry-backoff", "500ms");
    return overrides;
  }
}
