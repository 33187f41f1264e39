package dev.appmetrics.monitor.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appmetrics.common.auth.GrantPublisher;
import dev.appmetrics.monitor.evaluation.Leases.Claim;
import dev.appmetrics.monitor.support.Specs;
import dev.appmetrics.monitor.support.Tenant;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Two replicas claiming from the same database at the same time never get the same monitor for the same slot. */
@QuarkusTest
class LeasesTest {

  @Inject
  GrantPublisher grants;

  @Inject
  Leases leases;

  @Test
  void concurrentReplicasClaimDisjointMonitorsAndEachSlotOnce() {
    Tenant tenant = Tenant.create(grants);
    Set<Long> mine = new HashSet<>();
    for (int i = 0; i < 30; i++) {
      mine.add(tenant.api().body(Specs.thresholdMonitor(tenant.projectId(), "lease.metric." + i, 1, List.of(), "30s"))
          .post("/api/v1/monitors").then().statusCode(201).extract().jsonPath().getLong("id"));
    }
    CompletableFuture<List<Long>> first = CompletableFuture.supplyAsync(() -> claimAll("replica-a"));
    CompletableFuture<List<Long>> second = CompletableFuture.supplyAsync(() -> claimAll("replica-b"));
    List<Long> claimed = new ArrayList<>(first.join());
    claimed.addAll(second.join());
    List<Long> claimedOfMine = claimed.stream().filter(mine::contains).toList();
    assertEquals(new HashSet<>(claimedOfMine).size(), claimedOfMine.size(), "a monitor was claimed twice: " + claimed);
    assertTrue(claimedOfMine.size() > 0, "the replicas claimed none of the due monitors");
    // The slot is taken: claiming again right away finds none of them due.
    assertTrue(claimAll("replica-c").stream().noneMatch(claimedOfMine::contains));
  }

  /** Claims in small batches, as fast as possible, until nothing is due. */
  private List<Long> claimAll(String owner) {
    List<Long> ids = new ArrayList<>();
    while (true) {
      List<Claim> batch = leases.claim(owner, 3, Duration.ofMinutes(2)).await().atMost(Duration.ofSeconds(30));
      if (batch.isEmpty()) {
        return ids;
      }
      batch.forEach(claim -> ids.add(claim.monitorId()));
    }
  }
}
