package dev.appmetrics.dashboard.grant;

import dev.appmetrics.common.auth.Grants.Grant;
import dev.appmetrics.dashboard.key.ProjectKey;
import dev.appmetrics.dashboard.key.ProjectKeyRepository;
import dev.appmetrics.dashboard.project.Project;
import dev.appmetrics.dashboard.project.ProjectRepository;
import dev.appmetrics.dashboard.token.ApiToken;
import dev.appmetrics.dashboard.token.ApiTokenRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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

  private final ProjectRepository projects;
  private final ProjectKeyRepository keys;
  private final ApiTokenRepository tokens;
  private final GrantDistributor distributor;

  public GrantRepublisher(ProjectRepository projects, ProjectKeyRepository keys, ApiTokenRepository tokens,
      GrantDistributor distributor) {
    this.projects = projects;
    this.keys = keys;
    this.tokens = tokens;
    this.distributor = distributor;
  }

  @Scheduled(identity = "republish-grants", every = "${appmetrics.grants.republish-every}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> republishAll() {
    Instant began = Instant.now().minus(CLOCK_SKEW);
    return Panache.withSession(this::everything)
        .flatMap(snapshot -> distributor.publishOrFail(snapshot).replaceWith(snapshot.size()))
        .flatMap(published -> Panache.withSession(() -> endedSince(began))
            .flatMap(distributor::publishOrFail)
            .invoke(() -> LOG.infof("Re-published %d grants to the credentials topic", published)))
        .onFailure().recoverWithUni(e -> {
          LOG.errorf(e, "Re-publishing grants failed; the next sweep tries again");
          return Uni.createFrom().voidItem();
        });
  }

  /** One session runs one query at a time, so the three reads are chained, not combined. */
  private Uni<List<Grant>> everything() {
    List<Grant> grants = new ArrayList<>();
    return projects.listAll().invoke(all -> all.stream().map(Project::grant).forEach(grants::add))
        .flatMap(ignored -> keys.listAll()).invoke(all -> all.stream().map(ProjectKey::grant).forEach(grants::add))
        .flatMap(ignored -> tokens.listAll()).invoke(all -> all.stream().map(ApiToken::grant).forEach(grants::add))
        .replaceWith(grants);
  }

  private Uni<List<Grant>> endedSince(Instant since) {
    List<Grant> grants = new ArrayList<>();
    return projects.endedSince(since).invoke(all -> all.stream().map(Project::grant).forEach(grants::add))
        .flatMap(ignored -> keys.endedSince(since)).invoke(all -> all.stream().map(ProjectKey::grant).forEach(grants::add))
        .flatMap(ignored -> tokens.endedSince(since)).invoke(all -> all.stream().map(ApiToken::grant).forEach(grants::add))
        .replaceWith(grants);
  }
}
