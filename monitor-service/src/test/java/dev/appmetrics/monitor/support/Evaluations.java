package dev.appmetrics.monitor.support;

import dev.appmetrics.monitor.evaluation.Evaluator;
import dev.appmetrics.monitor.evaluation.Leases.Claim;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;

/**
 * One real evaluation of a monitor for a slot the test picks, through the application's evaluator (its own tick off:
 * {@link EvaluatorOff}): the test takes the lease as a replica would, so the evaluation's release records health.
 */
public final class Evaluations {

  private static final String OWNER = "test-replica";

  private Evaluations() {}

  public static void evaluate(Pool pool, Evaluator evaluator, long monitorId, Instant slot)
      throws Throwable {
    pool.preparedQuery(
            "UPDATE monitors SET lease_owner = $1, lease_until = now() + interval '1 minute' WHERE id = $2")
        .execute(Tuple.of(OWNER, monitorId))
        .await()
        .atMost(Duration.ofSeconds(10));
    VertxContextSupport.subscribeAndAwait(
        () -> evaluator.evaluate(new Claim(monitorId, slot), OWNER));
  }
}
