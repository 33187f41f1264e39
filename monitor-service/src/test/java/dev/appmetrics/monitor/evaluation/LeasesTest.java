package dev.appmetrics.monitor.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.appmetrics.common.testing.GrantPublisher;
import dev.appmetrics.monitor.evaluation.Leases.Claim;
import dev.appmetrics.monitor.support.EvaluatorOff;
import dev.appmetrics.monitor.support.QueryServiceProcess;
import dev.appmetrics.monitor.support.Specs;
import dev.appmetrics.monitor.support.Tenant;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Two replicas claiming from the same database at the same time: each due monitor goes to exactly one of them, and a
 * claimed slot is not handed out again.
 */
@QuarkusTest
@TestProfile(EvaluatorOff.class)
@WithTestResource(QueryServiceProcess.class)
class LeasesTest {

  @Inject GrantPublisher grants;

  @Inject Leases leases;

  @Inject Pool pool;

  @Test
  void concurrentReplicasClaimEachDueMonitorExactlyOnce() throws Exception {
    Tenant tenant = Tenant.create(grants);
    List<Long> mine = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      mine.add(
          tenant.createMonitor(
              Specs.thresholdMonitor(tenant.projectId(), "lease.metric." + i, 1, List.of(), "30s")
                  .replace("\"noData\"", "\"enabled\": false, \"noData\"")));
    }
    // Saved disabled and enabled together: saving 30 takes seconds, in which another replica on
    // this database (a
    // monitor-service another module's tests start) could claim the first ones.
    pool.preparedQuery("UPDATE monitors SET enabled = true WHERE id = ANY($1)")
        .execute(Tuple.of(mine.toArray(Long[]::new)))
        .await()
        .atMost(Duration.ofSeconds(10));
    CompletableFuture<List<Long>> first =
        CompletableFuture.supplyAsync(() -> claimAll("replica-a"));
    CompletableFuture<List<Long>> second =
        CompletableFuture.supplyAsync(() -> claimAll("replica-b"));
    List<Long> claimed = new ArrayList<>(first.join());
    claimed.addAll(second.join());
    // Other tests' monitors may be due in the same database too; of this test's, every one is
    // claimed exactly once.
    assertEquals(
        mine.stream().sorted().toList(),
        claimed.stream().filter(mine::contains).sorted().toList(),
        "replica-a claimed " + first.join() + ", replica-b " + second.join());
    // The slot is taken: claiming again right away finds none of them due.
    assertEquals(List.of(), claimAll("replica-c").stream().filter(mine::contains).toList());
  }

  /** Claims in small batches, as fast as possible, until nothing is due. */
  private List<Long> claimAll(String owner) {
    List<Long> ids = new ArrayList<>();
    while (true) {
      List<Claim> batch =
          leases.claim(owner, 3, Duration.ofMinutes(2)).await().atMost(Duration.ofMinutes(1));
      if (batch.isEmpty()) {
        return ids;
      }
      batch.forEach(claim -> ids.add(claim.monitorId()));
    }
  }
}
