package dev.appmetrics.monitor.monitor;

import dev.appmetrics.common.auth.Caller;
import dev.appmetrics.common.auth.ProjectAccess;
import dev.appmetrics.common.error.ApiException;
import dev.appmetrics.monitor.api.PageOf;
import dev.appmetrics.monitor.channel.ChannelService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** Monitors of an organization: create, read, replace, delete, list. A saved monitor is due at once. */
@ApplicationScoped
public class MonitorService {

  private final MonitorSpecs specs;
  private final ChannelService channels;
  private final ProjectAccess projects;
  private final QueryValidation queries;

  public MonitorService(MonitorSpecs specs, ChannelService channels, ProjectAccess projects, QueryValidation queries) {
    this.specs = specs;
    this.channels = channels;
    this.projects = projects;
    this.queries = queries;
  }

  @WithSession
  public Uni<PageOf<MonitorView>> list(Caller caller, int page, int size) {
    var query = Monitor.<Monitor>find("organizationId", Sort.ascending("id"), caller.organizationId())
        .page(Page.of(page, size));
    return Uni.combine().all().unis(query.list(), query.count()).asTuple()
        .map(t -> new PageOf<>(t.getItem1().stream().map(this::view).toList(), page, size, t.getItem2()));
  }

  /**
   * A monitor is saved only once query-service has judged its query; that remote call runs between the reads and the
   * write, not inside a transaction, so a slow answer holds no database connection.
   */
  public Uni<MonitorView> create(Caller caller, MonitorSpec spec) {
    MonitorSpec checked = checked(caller, spec);
    return Panache.withSession(() -> channels.requireOwned(caller, checked.channels()))
        .call(() -> queries.require(caller.organizationId(), checked))
        .flatMap(ignored -> Panache.withTransaction(() -> {
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

  public Uni<MonitorView> update(Caller caller, long id, MonitorSpec spec) {
    MonitorSpec checked = checked(caller, spec);
    return Panache.withSession(() -> owned(caller, id).call(() -> channels.requireOwned(caller, checked.channels())))
        .call(() -> queries.require(caller.organizationId(), checked))
        .flatMap(ignored -> Panache.withTransaction(() -> owned(caller, id).map(monitor -> {
          apply(monitor, checked);
          return MonitorView.of(monitor, checked);
        })));
  }

  /** What monitor-service checks itself: the spec's fields and bounds, and that its projects are the caller's. */
  private MonitorSpec checked(Caller caller, MonitorSpec spec) {
    MonitorSpec checked = spec.validated();
    projects.require(caller, checked.query().projects());
    return checked;
  }

  /** Deleting a monitor deletes its issues with it (the foreign key cascades). */
  @WithTransaction
  public Uni<Void> delete(Caller caller, long id) {
    return owned(caller, id).flatMap(Monitor::delete);
  }

  private Uni<Monitor> owned(Caller caller, long id) {
    return Monitor.<Monitor>findById(id).map(monitor -> {
      if (monitor == null) {
        throw ApiException.notFound("No monitor " + id);
      }
      caller.requireOrganization(monitor.organizationId);
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
