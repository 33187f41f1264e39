package dev.appmetrics.dashboard.document;

import dev.appmetrics.common.error.ApiException;
import dev.appmetrics.common.error.ErrorResponse.Detail;
import dev.appmetrics.dashboard.explorer.QueryRules;
import dev.appmetrics.dashboard.paging.Page;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * An organization's spec documents of one kind (saved queries, dashboards), shared by all its members: list with a
 * search on the name, get, create, update against the version read, delete. A document of another organization is a
 * 403, a missing one a 404. A subclass says how its kind is made, checked and answered; it is a {@code @Singleton},
 * since a client proxy (what {@code @ApplicationScoped} needs) would need a no-args constructor here.
 */
public abstract class SpecDocumentService<
    E extends SpecDocument, Q extends SpecDocumentRequest<?>, R> {

  /** Case-insensitive substring search on the name; the pattern comes from {@link #namePattern}. */
  private static final String NAME_SEARCH =
      "organizationId = ?1 and lower(name) like ?2 escape '\\'";

  /** The name column's length. */
  private static final int MAX_NAME = 200;

  private final PanacheRepositoryBase<E, Long> repository;
  private final Supplier<E> newDocument;
  private final Sort listOrder;
  private final String kind;
  private final QueryRules queryRules;
  private final SpecJson specJson;

  /** {@code kind}: the document's name in messages, lower case ("saved query"). */
  protected SpecDocumentService(
      PanacheRepositoryBase<E, Long> repository,
      Supplier<E> newDocument,
      Sort listOrder,
      String kind,
      QueryRules queryRules,
      SpecJson specJson) {
    this.repository = repository;
    this.newDocument = newDocument;
    this.listOrder = listOrder;
    this.kind = kind;
    this.queryRules = queryRules;
    this.specJson = specJson;
  }

  /**
   * Adds to {@code errors} what is wrong with the request's spec by the kind's own rules (the name is checked here),
   * and to {@code checks} the queries query-service must judge.
   */
  protected abstract void check(
      long organizationId, Q request, List<Detail> errors, List<QueryRules.Check> checks);

  protected abstract R toResponse(E document);

  protected <S> S readSpec(E document, Class<S> type) {
    return specJson.read(document.spec, type);
  }

  public Uni<Page<R>> list(long organizationId, String search, int offset, int limit) {
    String pattern = namePattern(search);
    return Panache.withSession(
        () ->
            repository
                .find(NAME_SEARCH, listOrder, organizationId, pattern)
                .range(offset, offset + limit - 1)
                .list()
                .flatMap(
                    found ->
                        repository
                            .count(NAME_SEARCH, organizationId, pattern)
                            .map(
                                total ->
                                    new Page<>(
                                        found.stream().map(this::toResponse).toList(),
                                        total,
                                        offset,
                                        limit))));
  }

  public Uni<R> get(long organizationId, long id) {
    return Panache.withSession(() -> find(organizationId, id)).map(this::toResponse);
  }

  /** {@code authorization}: the caller's, with which query-service checks the queries before anything is stored. */
  public Uni<R> create(long organizationId, Q request, String authorization) {
    return validate(organizationId, request, authorization)
        .chain(
            () ->
                Panache.withTransaction(
                    () -> {
                      E document = newDocument.get();
                      document.organizationId = organizationId;
                      document.name = request.name().strip();
                      document.spec = specJson.write(request.spec());
                      document.createdAt = Instant.now();
                      document.updatedAt = document.createdAt;
                      return repository.persistAndFlush(document).map(this::toResponse);
                    }));
  }

  public Uni<R> update(long organizationId, long id, Q request, String authorization) {
    return validate(organizationId, request, authorization)
        .chain(
            () -> {
              ConflictMapper.requireVersion(request.version());
              return Panache.withTransaction(
                  () ->
                      find(organizationId, id)
                          .flatMap(
                              document -> {
                                if (document.version != request.version()) {
                                  throw ConflictMapper.staleVersion(
                                      request.version(), document.version);
                                }
                                document.name = request.name().strip();
                                document.spec = specJson.write(request.spec());
                                document.updatedAt = Instant.now();
                                return repository.flush().map(ignored -> toResponse(document));
                              }));
            });
  }

  public Uni<Void> delete(long organizationId, long id) {
    return Panache.withTransaction(() -> find(organizationId, id).flatMap(repository::delete));
  }

  private Uni<E> find(long organizationId, long id) {
    return repository
        .findById(id)
        .map(
            document -> {
              if (document == null) {
                throw ApiException.notFound("No " + kind + " with id " + id);
              }
              if (document.organizationId != organizationId) {
                throw ApiException.forbidden(
                    kind.substring(0, 1).toUpperCase(Locale.ROOT)
                        + kind.substring(1)
                        + " "
                        + id
                        + " belongs to another organization");
              }
              return document;
            });
  }

  /** Every problem at once: the name and the kind's own rules checked here, its queries by query-service. */
  private Uni<Void> validate(long organizationId, Q request, String authorization) {
    if (request == null) {
      throw ApiException.badRequest("A JSON body with name and spec is required");
    }
    List<Detail> errors = new ArrayList<>();
    List<QueryRules.Check> checks = new ArrayList<>();
    requireName(request.name(), errors);
    check(organizationId, request, errors, checks);
    return queryRules
        .problems(authorization, checks)
        .invoke(
            problems -> {
              errors.addAll(problems);
              throwIfAny(errors);
            })
        .replaceWithVoid();
  }

  /** A document's name: 1 to {@value #MAX_NAME} characters that are not all blank. */
  private static void requireName(String name, List<Detail> errors) {
    if (name == null || name.isBlank()) {
      errors.add(new Detail("name", "is required"));
    } else if (name.length() > MAX_NAME) {
      errors.add(new Detail("name", "is longer than " + MAX_NAME + " characters"));
    }
  }

  /** 400 with every problem found, so a client can fix them all at once. */
  private static void throwIfAny(List<Detail> errors) {
    if (!errors.isEmpty()) {
      throw new ApiException(
          400,
          "invalid_spec",
          "Invalid request: "
              + errors.get(0).field()
              + " "
              + errors.get(0).reason()
              + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : ""),
          errors);
    }
  }

  /** A LIKE pattern matching names that contain {@code search}, with LIKE's wildcards taken literally. */
  private static String namePattern(String search) {
    String text = search == null ? "" : search.strip().toLowerCase(Locale.ROOT);
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
  }
}
