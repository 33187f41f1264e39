package dev.appmetrics.query.trace;

import dev.appmetrics.common.auth.Caller;
import dev.appmetrics.common.auth.ProjectAccess;
import dev.appmetrics.common.error.ApiException;
import dev.appmetrics.query.config.QueryConfig;
import dev.appmetrics.query.sql.ClickHouseReader;
import dev.appmetrics.query.sql.Statements;
import dev.appmetrics.query.time.TimeRange;
import dev.appmetrics.query.trace.ComparableResponse.ComparableTrace;
import dev.appmetrics.query.trace.SearchResponse.FoundTrace;
import dev.appmetrics.query.trace.SearchSql.Match;
import dev.appmetrics.query.trace.TraceSummarySql.ErrorCount;
import dev.appmetrics.query.trace.TraceSummarySql.MetricTotal;
import dev.appmetrics.query.trace.TraceSummarySql.SpanSummary;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Finds traces: by conditions on their events (search), and those comparable to a sample's (same attributes). */
@ApplicationScoped
public class TraceSearch {

  /** Comparable traces are looked for within an hour, then a day, then a week of the sample. */
  static final List<Long> COMPARABLE_WINDOWS = List.of(3_600L, 86_400L, 7 * 86_400L);

  private final ClickHouseReader reader;
  private final ProjectAccess access;
  private final QueryConfig config;

  public TraceSearch(ClickHouseReader reader, ProjectAccess access, QueryConfig config) {
    this.reader = reader;
    this.access = access;
    this.config = config;
  }

  public Uni<ComparableResponse> comparable(Caller caller, ComparableRequest request) {
    if (request == null) {
      throw ApiException.badRequest("The request body is missing");
    }
    long projectId = TraceRequests.project(access, caller, request.project());
    if (request.timestamp() == null) {
      throw ApiException.badRequest("'timestamp' is required: the time of the sample");
    }
    long timestamp = TimeRange.instant("timestamp", request.timestamp()).toEpochMilli();
    Map<String, String> match = new TreeMap<>(request.match() == null ? Map.of() : request.match());
    String columns = String.join(", ", new TreeMap<>(ComparableSql.MATCH_COLUMNS).keySet());
    if (match.isEmpty()) {
      throw ApiException.badRequest("'match' must name at least one of " + columns);
    }
    match.forEach(
        (key, value) -> {
          if (!ComparableSql.MATCH_COLUMNS.containsKey(key)) {
            throw ApiException.badRequest("'match." + key + "' is not one of " + columns);
          }
          if (value == null || value.length() > SearchConditionSql.MAX_TEXT) {
            throw ApiException.badRequest(
                "'match."
                    + key
                    + "' must be a string of at most "
                    + SearchConditionSql.MAX_TEXT
                    + " characters");
          }
        });
    String exclude =
        request.excludeTraceId() == null
            ? null
            : TraceRequests.traceId("excludeTraceId", request.excludeTraceId());
    int limit = TraceRequests.limit(request.limit());
    return reader
        .read(
            caller,
            statements -> comparable(statements, projectId, timestamp, match, exclude, limit, 0))
        .map(traces -> new ComparableResponse(ComparableResponse.LABEL, match, traces));
  }

  /** The narrowest window that has enough traces, so a busy project reads an hour of segments, not a week. */
  private static Uni<List<ComparableTrace>> comparable(
      Statements statements,
      long project,
      long timestamp,
      Map<String, String> match,
      String exclude,
      int limit,
      int window) {
    return statements
        .run(
            ComparableSql.comparable(
                project, timestamp, COMPARABLE_WINDOWS.get(window), match, exclude, limit),
            "query-trace-comparable")
        .chain(
            traces ->
                traces.size() >= limit || window == COMPARABLE_WINDOWS.size() - 1
                    ? Uni.createFrom().item(traces)
                    : comparable(
                        statements, project, timestamp, match, exclude, limit, window + 1));
  }

  public Uni<SearchResponse> search(Caller caller, SearchRequest request) {
    if (request == null) {
      throw ApiException.badRequest("The request body is missing");
    }
    long projectId = TraceRequests.project(access, caller, request.project());
    TimeRange range =
        TimeRange.resolve(
            request.start(),
            request.end(),
            request.period(),
            Instant.now(),
            config.maxRange().toSeconds());
    int limit = TraceRequests.limit(request.limit());
    String sender = "query-trace-search";
    return reader.read(
        caller,
        statements ->
            statements
                .run(
                    SearchSql.compile(
                        projectId, range, request.conditions(), request.sort(), limit),
                    sender)
                .chain(
                    matches -> {
                      List<Match> page = matches.subList(0, Math.min(limit, matches.size()));
                      if (page.isEmpty()) {
                        return Uni.createFrom().item(new SearchResponse(List.of(), false));
                      }
                      List<String> ids = page.stream().map(Match::traceId).toList();
                      long first = page.stream().mapToLong(Match::startMillis).min().orElseThrow();
                      long last = page.stream().mapToLong(Match::endMillis).max().orElseThrow();
                      // The traces' own minutes, so the summaries read the day partitions they lie
                      // in and no others.
                      TimeRange around =
                          new TimeRange(
                              Math.floorDiv(first - TraceService.METRIC_MARGIN_MILLIS, 1000),
                              Math.floorDiv(last + TraceService.METRIC_MARGIN_MILLIS, 1000) + 1);
                      return Uni.combine()
                          .all()
                          .unis(
                              statements.run(
                                  TraceSummarySql.spanSummary(projectId, around, ids), sender),
                              statements.run(
                                  TraceSummarySql.errorSummary(projectId, around, ids), sender),
                              statements.run(
                                  TraceSummarySql.metricSummary(projectId, around, ids), sender))
                          .asTuple()
                          .map(
                              summaries ->
                                  new SearchResponse(
                                      found(
                                          page,
                                          byTrace(summaries.getItem1(), SpanSummary::traceId),
                                          byTrace(summaries.getItem2(), ErrorCount::traceId),
                                          byTrace(summaries.getItem3(), MetricTotal::traceId)),
                                      matches.size() > limit));
                    }));
  }

  private static List<FoundTrace> found(
      List<Match> page,
      Map<String, List<SpanSummary>> spans,
      Map<String, List<ErrorCount>> errors,
      Map<String, List<MetricTotal>> metrics) {
    return page.stream()
        .map(
            match -> {
              String id = match.traceId();
              SpanSummary root =
                  spans.getOrDefault(id, List.of()).stream().findFirst().orElse(null);
              boolean hasRoot = root != null && root.segments() > 0;
              return new FoundTrace(
                  id,
                  TraceSql.iso(match.startMillis()),
                  TraceSql.iso(match.endMillis()),
                  match.durationMs(),
                  hasRoot ? root.transaction() : null,
                  hasRoot ? root.op() : null,
                  hasRoot ? root.durationMs() : null,
                  hasRoot ? root.release() : null,
                  hasRoot ? root.environment() : null,
                  root == null ? 0 : root.spans(),
                  errors.getOrDefault(id, List.of()).stream().mapToLong(ErrorCount::errors).sum(),
                  metrics.getOrDefault(id, List.of()).stream().map(MetricTotal::metric).toList());
            })
        .toList();
  }

  private static <T> Map<String, List<T>> byTrace(List<T> rows, Function<T, String> traceId) {
    return rows.stream().collect(Collectors.groupingBy(traceId));
  }
}
