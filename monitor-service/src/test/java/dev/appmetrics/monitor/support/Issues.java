package dev.appmetrics.monitor.support;

import dev.appmetrics.monitor.definition.Monitor;
import dev.appmetrics.monitor.definition.MonitorSpecs;
import dev.appmetrics.monitor.issue.GroupVerdict;
import dev.appmetrics.monitor.issue.IssueEvaluation;
import dev.appmetrics.monitor.notification.Notification;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import java.time.Instant;
import java.util.List;

/** Feeds verdicts to the real issue service, for tests of what follows a verdict (issues, notifications). */
public final class Issues {

  private Issues() {}

  public static List<Notification> apply(
      IssueEvaluation issues,
      MonitorSpecs specs,
      long monitorId,
      List<GroupVerdict> verdicts,
      Instant slot)
      throws Throwable {
    return apply(issues, specs, monitorId, verdicts, slot, Instant.now());
  }

  /** The same, as if it happened at {@code at} (silences, snoozes and the issues' times judged then). */
  public static List<Notification> apply(
      IssueEvaluation issues,
      MonitorSpecs specs,
      long monitorId,
      List<GroupVerdict> verdicts,
      Instant slot,
      Instant at)
      throws Throwable {
    return VertxContextSupport.subscribeAndAwait(
            () ->
                Panache.withSession(() -> Monitor.<Monitor>findById(monitorId))
                    .flatMap(
                        monitor ->
                            issues.applyEvaluation(
                                monitor, specs.read(monitor), verdicts, slot, at)))
        .notifications();
  }
}
