package dev.appmetrics.monitor.evaluation;

import dev.appmetrics.monitor.concurrent.Detached;
import dev.appmetrics.monitor.config.MonitorConfig;
import dev.appmetrics.monitor.definition.Monitor;
import dev.appmetrics.monitor.definition.MonitorSpec;
import dev.appmetrics.monitor.definition.MonitorSpecs;
import dev.appmetrics.monitor.evaluation.Leases.Claim;
import dev.appmetrics.monitor.evaluation.Leases.Outcome;
import dev.appmetrics.monitor.evidence.EvidenceSamples;
import dev.appmetrics.monitor.evidence.Links;
import dev.appmetrics.monitor.issue.IssueEvaluation;
import dev.appmetrics.monitor.query.QueryClient;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Evaluates due monitors on a schedule. Each replica claims due monitors through {@link Leases} and evaluates each
 * one on its own, so a slow query (bounded by the query client's timeout and the evaluation timeout) holds up only
 * its own monitor; notifications leave through Kafka, so a slow receiver holds up nothing here.
 */
@ApplicationScoped
public class Evaluator {

  private static final Logger LOG = Logger.getLogger(Evaluator.class);

  private final String replica = "monitor-" + UUID.randomUUID();
  private final Leases leases;
  private final MonitorSpecs specs;
  private final QueryClient query;
  private final IssueEvaluation issues;
  private final EvidenceSamples samples;
  private final MonitorConfig.Evaluation config;
  private final Links links;
  private final Vertx vertx;

  public Evaluator(
      Leases leases,
      MonitorSpecs specs,
      QueryClient query,
      IssueEvaluation issues,
      EvidenceSamples samples,
      MonitorConfig config,
      Vertx vertx) {
    this.vertx = vertx;
    this.leases = leases;
    this.specs = specs;
    this.query = query;
    this.issues = issues;
    this.samples = samples;
    this.config = config.evaluation();
    this.links = new Links(config.publicUrl());
  }

  @Scheduled(
      every = "${appmetrics.monitor.evaluation.tick:5s}",
      delayed = "${appmetrics.monitor.evaluation.tick:5s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> tick() {
    return leases
        .claim(replica, config.batchSize(), config.lease())
        .invoke(
            claims ->
                claims.forEach(
                    claim ->
                        Detached.run(
                            vertx,
                            () -> evaluate(claim, replica),
                            failure ->
                                LOG.errorf(
                                    failure,
                                    "Evaluation of monitor %d stopped unexpectedly",
                                    claim.monitorId()))))
        .replaceWithVoid();
  }

  /** Claims due monitors as {@code owner} and evaluates them all; tests use it to act as one replica. */
  public Uni<List<Claim>> evaluateDue(String owner) {
    return leases
        .claim(owner, config.batchSize(), config.lease())
        .call(
            claims ->
                claims.isEmpty()
                    ? Uni.createFrom().voidItem()
                    : Uni.join()
                        .all(
                            claims.stream()
                                .map(claim -> Detached.call(vertx, () -> evaluate(claim, owner)))
                                .toList())
                        .andCollectFailures());
  }

  /**
   * Evaluates one claimed monitor and releases it, recording its health; never fails: a failed evaluation is logged
   * and counted on the monitor. Tests call it to evaluate a slot of their choosing.
   */
  public Uni<Void> evaluate(Claim claim, String owner) {
    return Panache.withSession(() -> Monitor.<Monitor>findById(claim.monitorId()))
        .flatMap(
            monitor ->
                monitor == null
                    ? Uni.createFrom().item(new Outcome(null, null, null))
                    : run(monitor, claim))
        .ifNoItem()
        .after(config.timeout())
        .failWith(
            () ->
                new TimeoutException(
                    "The evaluation took longer than " + config.timeout().toSeconds() + "s"))
        .onFailure()
        .invoke(
            failure ->
                LOG.warnf(
                    "Evaluation of monitor %d at %s failed: %s",
                    claim.monitorId(), claim.slot(), failure.getMessage()))
        .onFailure()
        .recoverWithItem(failure -> Outcome.failed(failure.getMessage()))
        .call(
            outcome ->
                leases.release(claim.monitorId(), owner, outcome, config.failuresBeforeError()))
        .replaceWithVoid();
  }

  private Uni<Outcome> run(Monitor monitor, Claim claim) {
    MonitorSpec spec = specs.read(monitor);
    EvaluationPlan plan = EvaluationPlan.of(spec, claim.slot());
    return Uni.join()
        .all(
            plan.requests().stream().map(r -> query.timeseries(monitor.organizationId, r)).toList())
        .andFailFast()
        .flatMap(
            answers ->
                issues.applyEvaluation(monitor, spec, plan.verdicts(answers, links), claim.slot()))
        .call(applied -> samples.attach(monitor.organizationId, spec, applied.notifications()))
        .map(applied -> new Outcome(applied.state(), applied.value(), null));
  }
}
