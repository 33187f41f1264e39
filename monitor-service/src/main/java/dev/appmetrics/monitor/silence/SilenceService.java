package dev.appmetrics.monitor.silence;

import dev.appmetrics.common.auth.Caller;
import dev.appmetrics.common.auth.ProjectAccess;
import dev.appmetrics.common.error.ApiException;
import dev.appmetrics.monitor.api.Actor;
import dev.appmetrics.monitor.api.PageOf;
import dev.appmetrics.monitor.api.Problems;
import dev.appmetrics.monitor.definition.Monitor;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Silences of an organization: per-group silences and maintenance windows, and the notifications each held. Deleting
 * one ends it and forgets what it held; to end one early and keep its record, save it with {@code endsAt} now.
 */
@ApplicationScoped
public class SilenceService {

  private final Silences silences;
  private final ProjectAccess projects;

  public SilenceService(Silences silences, ProjectAccess projects) {
    this.silences = silences;
    this.projects = projects;
  }

  @WithSession
  public Uni<PageOf<SilenceView>> list(Caller caller, int page, int size) {
    var query =
        Silence.<Silence>find("organizationId", Sort.descending("id"), caller.organizationId())
            .page(Page.of(page, size));
    Instant now = Instant.now();
    return PageOf.ofViews(
        query,
        entities ->
            heldCounts(entities)
                .map(
                    held ->
                        entities.stream()
                            .map(
                                s ->
                                    SilenceView.of(
                                        s, silences.read(s), now, held.getOrDefault(s.id, 0L)))
                            .toList()));
  }

  @WithSession
  public Uni<SilenceView> get(Caller caller, long id) {
    return owned(caller, id).flatMap(this::view);
  }

  @WithTransaction
  public Uni<SilenceView> create(Caller caller, SilenceSpec spec) {
    Instant now = Instant.now();
    SilenceSpec checked = spec.validated(now);
    return requireScope(caller, checked)
        .flatMap(
            ignored -> {
              Silence silence = new Silence();
              silence.organizationId = caller.organizationId();
              silence.createdBy = Actor.of(caller);
              silence.createdAt = now;
              silence.updatedAt = now;
              silence.spec = silences.write(checked);
              return silence.persist().map(saved -> SilenceView.of(silence, checked, now, 0));
            });
  }

  @WithTransaction
  public Uni<SilenceView> update(Caller caller, long id, SilenceSpec spec) {
    Instant now = Instant.now();
    SilenceSpec checked = spec.validated(now);
    return owned(caller, id)
        .call(ignored -> requireScope(caller, checked))
        .flatMap(
            silence -> {
              silence.spec = silences.write(checked);
              silence.updatedAt = now;
              return view(silence);
            });
  }

  @WithTransaction
  public Uni<Void> delete(Caller caller, long id) {
    return owned(caller, id).flatMap(Silence::delete);
  }

  @WithSession
  public Uni<List<SilenceView.Held>> held(Caller caller, long id) {
    return owned(caller, id)
        .flatMap(
            silence ->
                HeldNotification.<HeldNotification>list(
                    "silenceId", Sort.ascending("id"), silence.id))
        .map(rows -> rows.stream().map(SilenceView.Held::of).toList());
  }

  private Uni<SilenceView> view(Silence silence) {
    return HeldNotification.count("silenceId", silence.id)
        .map(held -> SilenceView.of(silence, silences.read(silence), Instant.now(), held));
  }

  /** How many notifications each of a page's silences held, in one query. */
  private static Uni<Map<Long, Long>> heldCounts(List<Silence> page) {
    if (page.isEmpty()) {
      return Uni.createFrom().item(Map.of());
    }
    return Panache.getSession()
        .flatMap(
            session ->
                session
                    .createQuery(
                        "select h.silenceId, count(h) from "
                            + "HeldNotification h where h.silenceId in :ids group by h.silenceId",
                        Object[].class)
                    .setParameter("ids", page.stream().map(s -> s.id).toList())
                    .getResultList())
        .map(rows -> rows.stream().collect(Collectors.toMap(r -> (Long) r[0], r -> (Long) r[1])));
  }

  /** Its project and monitors must be the caller's: another organization's are a bad field, as on monitors. */
  private Uni<Void> requireScope(Caller caller, SilenceSpec spec) {
    Problems problems = new Problems();
    if (spec.project() != null) {
      problems.check("project", () -> projects.require(caller, List.of(spec.project())));
    }
    problems.throwIfAny();
    if (spec.monitors().isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    List<Long> distinct = spec.monitors().stream().distinct().toList();
    return Monitor.count(
            "organizationId = ?1 and id in ?2 and deletedAt is null",
            caller.organizationId(),
            distinct)
        .invoke(
            found -> {
              if (found != distinct.size()) {
                throw Problems.of("monitors", "monitors must be monitors of your organization");
              }
            })
        .replaceWithVoid();
  }

  private Uni<Silence> owned(Caller caller, long id) {
    return Silence.<Silence>findById(id)
        .map(
            silence -> {
              if (silence == null) {
                throw ApiException.notFound("No silence " + id);
              }
              caller.requireOrganization(silence.organizationId);
              return silence;
            });
  }
}
