package dev.appmetrics.dashboard.grant;

import dev.appmetrics.common.auth.Grants.Grant;
import io.quarkus.arc.All;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Publishes every project, key and token as PostgreSQL has it (active and revoked alike), at start-up and then every
 * {@code appmetrics.grants.republish-every}. A publication lost after a commit (broker down, process killed between
 * commit and acknowledgement) therefore heals by itself, and a wiped topic is rebuilt.
 *
 * <p>A revocation committed while the snapshot is in flight could be overtaken by the snapshot's older "active"
 * value; revocations are final, so after the snapshot the sweep publishes again everything revoked since it began.
 */
@ApplicationScoped
public class GrantRepublisher {

  private static final Logger LOG = Logger.getLogger(GrantRepublisher.class);

  /** Revocations are stamped by whichever replica made them: allow for clocks that disagree this much. */
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

  private final List<GrantSource> sources;
  private final GrantDistributor distributor;

  public GrantRepublisher(@All List<GrantSource> sources, GrantDistributor distributor) {
    this.sources = sources;
    this.distributor = distributor;
  }

  @Scheduled(
      identity = "republish-grants",
      every = "${appmetrics.grants.republish-every}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> republishAll() {
    Instant began = Instant.now().minus(CLOCK_SKEW);
    return Panache.withSession(this::everything)
        .flatMap(snapshot -> distributor.publishOrFail(snapshot).replaceWith(snapshot.size()))
        .flatMap(
            published ->
                Panache.withSession(() -> endedSince(began))
                    .flatMap(distributor::publishOrFail)
                    .invoke(
                        () ->
                            LOG.infof(
                                "Re-published %d grants to the credentials topic", published)))
        .onFailure()
        .recoverWithUni(
            e -> {
              LOG.errorf(e, "Re-publishing grants failed; the next sweep tries again");
              return Uni.createFrom().voidItem();
            });
  }

  private Uni<List<Grant>> everything() {
    return fromEachSource(GrantSource::allGrants);
  }

  private Uni<List<Grant>> endedSince(Instant since) {
    return fromEachSource(source -> source.grantsEndedSince(since));
  }

  /** One session runs one query at a time, so the sources are read one after another, not combined. */
  private Uni<List<Grant>> fromEachSource(Function<GrantSource, Uni<List<Grant>>> read) {
    List<Grant> grants = new ArrayList<>();
    Uni<Void> reads = Uni.createFrom().voidItem();
    for (GrantSource source : sources) {
      reads = reads.flatMap(ignored -> read.apply(source)).invoke(grants::addAll).replaceWithVoid();
    }
    return reads.replaceWith(grants);
  }
}
