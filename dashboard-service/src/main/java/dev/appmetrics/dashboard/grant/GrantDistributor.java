package dev.appmetrics.dashboard.grant;

import dev.appmetrics.common.auth.Grants.Grant;
import dev.appmetrics.common.error.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Tells every service about a change once PostgreSQL has committed it: the grants go to the compacted topic and
 * the call returns only after Kafka acknowledged them. Publishing waits on the broker, so it runs on a worker
 * thread and resumes on the caller's Vert.x context, where Hibernate Reactive may continue.
 */
@ApplicationScoped
public class GrantDistributor {

  private static final Logger LOG = Logger.getLogger(GrantDistributor.class);

  private final GrantPublisher publisher;
  private final Vertx vertx;

  public GrantDistributor(GrantPublisher publisher, Vertx vertx) {
    this.publisher = publisher;
    this.vertx = vertx;
  }

  /** Fails with 503 "not_distributed" when Kafka did not acknowledge, so no API answers "ok" for an unseen change. */
  public Uni<Void> publish(List<? extends Grant> grants) {
    return publishOrFail(grants)
        .onFailure()
        .transform(
            e -> {
              LOG.errorf(e, "Publishing %d grants failed", grants.size());
              return new ApiException(
                  503,
                  "not_distributed",
                  "Saved, but the other services could not be told; repeat the request (it is safe to repeat)");
            });
  }

  /** The same, failing with Kafka's own error: for the re-publisher, which has no client to answer. */
  Uni<Void> publishOrFail(List<? extends Grant> grants) {
    if (grants.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return vertx
        .executeBlocking(
            () -> {
              publisher.publishAll(grants);
              return null;
            },
            false)
        .replaceWithVoid();
  }
}
