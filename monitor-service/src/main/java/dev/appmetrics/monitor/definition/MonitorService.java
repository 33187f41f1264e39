package dev.appmetrics.monitor.definition;

import dev.appmetrics.common.auth.Caller;
import dev.appmetrics.common.auth.ProjectAccess;
import dev.appmetrics.common.error.ApiException;
import dev.appmetrics.monitor.api.Actor;
import dev.appmetrics.monitor.api.PageOf;
import dev.appmetrics.monitor.api.Problems;
import dev.appmetrics.monitor.channel.ChannelService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * Monitors of an organization: create, read, replace, delete, list. A saved monitor is due at once; disabling or
 * deleting one resolves its open issues. A deleted monitor is kept, hidden, so its issues keep their history.
 */
@ApplicationScoped
public class MonitorService {

  private final MonitorSpecs specs;
  private final ChannelService channels;
  private final ProjectAccess projects;
  private final QueryCheck queries;
  private final OpenIssues issues;

  public MonitorService(
      MonitorSpecs specs,
      ChannelService channels,
      ProjectAccess projects,
      QueryCheck queries,
      OpenIssues issues) {
    this.specs = specs;
    this.channels = channels;
    this.projects = projects;
    this.queries = queries;
    this.issues = issues;
  }

  @WithSession
  public Uni<PageOf<MonitorView>> list(Caller caller, int page, int size) {
    var query =
        Monitor.<Monitor>find(
                "organizationId = ?1 and deletedAt is null",
                Sort.ascending("id"),
                caller.organizationId())
            .page(Page.of(page, size));
    return PageOf.of(query, this::view);
  }

  /**
   * A monitor is saved only once query-service has judged its query; that remote call runs between the reads and the
   * write, not inside a transaction, so a slow answer holds no database connection.
   */
  public Uni<MonitorView> create(Caller caller, MonitorSpec spec) {
    MonitorSpec checked = checked(caller, spec);
    return Panache.withSession(() -> channels.requireOwned(caller, checked.channels()))
        .call(() -> queries.require(caller.organizationId(), checked))
        .flatMap(
            ignored ->
                Panache.withTransaction(
                    () -> {
                      Monitor monitor = new Monitor();
                      monitor.organizationId = caller.organizationId();
                      monitor.createdAt = Instant.now();
                      apply(monitor, checked);
                      return monitor.persist().map(saved -> MonitorView.of(monitor, checked));
                    }));
  }

  @WithSession
  public Uni<MonitorView> get(Caller caller, long id) {
    return owned(caller, id).map(this::view);
  }

  /** Saving a monitor disabled resolves its open issues: nothing would evaluate them any more. */
  public Uni<MonitorView> update(Caller caller, long id, MonitorSpec spec) {
    MonitorSpec checked = checked(caller, spec);
    return Panache.withSession(
            () -> owned(caller, id).call(() -> channels.requireOwned(caller, checked.channels())))
        .call(() -> queries.require(caller.organizationId(), checked))
        .flatMap(
            ignored ->
                Panache.withTransaction(
                    () ->
                        owned(caller, id)
                            .call(
                                monitor -> {
                                  apply(monitor, checked);
                                  return checked.enabled()
                                      ? Uni.createFrom().voidItem()
                                      : issues.closeOpen(
                                          monitor,
                                          checked,
                                          "Resolved: the monitor was disabled",
                                          Actor.of(caller));
                                })
                            .map(monitor -> MonitorView.of(monitor, checked))));
  }

  /**
   * What monitor-service checks itself, every problem at once: the spec's fields and bounds, and that its projects
   * are the caller's (an unknown project is a bad field of the monitor here, not a resource the caller may not see).
   */
  private MonitorSpec checked(Caller caller, MonitorSpec spec) {
    return Problems.require(
        problems -> {
          MonitorSpec checked = spec.validated(problems);
          if (checked.query() != null && checked.query().projects() != null && problems.isEmpty()) {
            problems.check(
                "query.projects", () -> projects.require(caller, checked.query().projects()));
          }
          return checked;
        });
  }

  /** Deleting resolves the monitor's open issues and hides it; its issues stay readable with their history. */
  @WithTransaction
  public Uni<Void> delete(Caller caller, long id) {
    return owned(caller, id)
        .flatMap(
            monitor -> {
              monitor.deletedAt = Instant.now();
              monitor.enabled = false;
              return issues.closeOpen(
                  monitor,
                  specs.read(monitor),
                  "Resolved: the monitor was deleted",
                  Actor.of(caller));
            });
  }

  private Uni<Monitor> owned(Caller caller, long id) {
    return Monitor.<Monitor>findById(id)
        .map(
            monitor -> {
              if (monitor == null) {
                throw ApiException.notFound("No monitor " + id);
              }
              caller.requireOrganization(monitor.organizationId);
              if (monitor.deletedAt != null) {
                throw ApiException.notFound(
                    "No monitor " + id + " (it was deleted; its issues remain)");
              }
              return monitor;
            });
  }

  private void apply(Monitor monitor, MonitorSpec spec) {
    monitor.name = spec.name();
    monitor.spec = specs.write(spec);
    monitor.enabled = spec.enabled();
    monitor.intervalSeconds = (int) spec.every().toSeconds();
    monitor.nextEvaluationAt = Instant.now();
    monitor.updatedAt = Instant.now();
  }

  private MonitorView view(Monitor monitor) {
    return MonitorView.of(monitor, specs.read(monitor));
  }
}
