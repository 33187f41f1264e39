package dev.appmetrics.query.timeseries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.appmetrics.common.testing.OnLocalCluster;
import dev.appmetrics.query.support.GoldenDataset;
import dev.appmetrics.query.support.Tenant;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The golden suite again, in cluster mode on the local cluster (2 shards x 2 replicas): every answer, read through the
 * Distributed tables, equals the reference computed in Java, as on one server. Each metric is one series of the
 * sharding key (project, metric), so the dataset's metrics are named until they lie on both shards, and a query of
 * several metrics (an equation, a multi-query request) merges answers from both.
 */
@QuarkusTest
@TestProfile(OnLocalCluster.class)
class TimeseriesGoldenClusterTest extends TimeseriesGoldenTest {

  private static final String[] SHARD_SERVERS = {"127.0.0.1:9201", "127.0.0.1:9203"};

  @BeforeAll
  @Override
  void writeDataset() throws Exception {
    tenant = Tenant.create(grants);
    do {
      data = new GoldenDataset(tenant.projectId(), UUID.randomUUID().toString().substring(0, 8));
    } while (shardsOf(data) < 2);
    tenant.insert(clickHouse, json, data.events);
  }

  @Test
  void theDatasetLiesOnBothShards() {
    for (String server : SHARD_SERVERS) {
      assertNotEquals("0", query("SELECT count() FROM remote('" + server + "', currentDatabase(), metric_events_local) "
          + "WHERE project_id = " + tenant.projectId() + " FORMAT TabSeparated").strip(), "rows on the shard of " + server);
    }
    assertEquals(String.valueOf(data.events.size()), query("SELECT count() FROM metric_events WHERE project_id = "
        + tenant.projectId() + " FORMAT TabSeparated").strip(), "every row once through the Distributed table");
  }

  /** On how many shards the dataset's metrics would lie, by the Distributed table's key modulo its two shards. */
  private long shardsOf(GoldenDataset candidate) {
    return Long.parseLong(query("SELECT uniqExact(cityHash64(toUInt64(" + tenant.projectId() + "), name) % 2) "
        + "FROM system.one ARRAY JOIN ['" + candidate.counter + "', '" + candidate.gauge + "', '"
        + candidate.distribution + "'] AS name FORMAT TabSeparated").strip());
  }

  private String query(String sql) {
    return clickHouse.query(sql, "query-test", Map.of()).await().atMost(Duration.ofSeconds(30));
  }
}
