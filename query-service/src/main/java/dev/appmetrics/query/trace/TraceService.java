package dev.appmetrics.query.trace;

import com.fasterxml.jackson.databind.JsonNode;
import dev.appmetrics.common.auth.Caller;
import dev.appmetrics.common.error.ApiException;
import dev.appmetrics.common.auth.ProjectAccess;
import dev.appmetrics.query.config.QueryConfig;
import dev.appmetrics.query.sql.ClickHouseReader;
import dev.appmetrics.query.sql.Statements;
import dev.appmetrics.query.time.TimeRange;
import dev.appmetrics.query.trace.ComparableResponse.ComparableTrace;
import dev.appmetrics.query.trace.SearchResponse.FoundTrace;
import dev.appmetrics.query.trace.SearchResponse.TraceMetric;
import dev.appmetrics.query.trace.TraceResponse.Frame;
import dev.appmetrics.query.trace.TraceResponse.Log;
import dev.appmetrics.query.trace.TraceResponse.MetricSample;
import dev.appmetrics.query.trace.TraceResponse.Span;
import dev.appmetrics.query.trace.TraceResponse.TraceError;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** One trace with its logs, errors and metric events; comparable traces; traces found by conditions on their events. */
@ApplicationScoped
public class TraceService {

  static final int MAX_SPANS = 10_000;
  static final int MAX_LOGS = 1_000;
  static final int MAX_ERRORS = 100;
  static final int MAX_METRICS = 1_000;
  static final int DEFAULT_LIMIT = 10;
  static final int MAX_LIMIT = 1_000;
  /** A sample's time finds its trace within a day either side: two or three day partitions instead of all. */
  static final long AROUND_SAMPLE_SECONDS = 86_400;
  /** Metric events of a trace are looked for this long before its first and after its last stored event. */
  static final long METRIC_MARGIN_MILLIS = 60_000;
  /** Comparable traces are looked for within an hour, then a day, then a week of the sample. */
  static final List<Long> COMPARABLE_WINDOWS = List.of(3_600L, 86_400L, 7 * 86_400L);

  private static final Pattern TRACE_ID = Pattern.compile("[0-9a-fA-F]{32}");

  private final ClickHouseReader reader;
  private final ProjectAccess access;
  private final QueryConfig config;

  public TraceService(ClickHouseReader reader, ProjectAccess access, QueryConfig config) {
    this.reader = reader;
    this.access = access;
    this.config = config;
  }

  public Uni<TraceResponse> trace(Caller caller, Long project, String rawTraceId, String at) {
    long projectId = access.require(caller, project == null ? List.of() : List.of(project)).get(0);
    String traceId = traceId("traceId", rawTraceId);
    Long atMillis = at == null ? null : TimeRange.instant("at", at).toEpochMilli();
    long now = Instant.now().getEpochSecond();
    TimeRange range = atMillis == null
        ? new TimeRange(now - config.maxRange().toSeconds(), now + 1)
        : new TimeRange(Math.floorDiv(atMillis, 1000) - AROUND_SAMPLE_SECONDS, Math.floorDiv(atMillis, 1000) + AROUND_SAMPLE_SECONDS);
    return reader.read(caller, statements -> Uni.combine().all().unis(
            statements.rows(TraceSql.spans(projectId, traceId, range, MAX_SPANS + 1), "query-trace"),
            statements.rows(TraceSql.logs(projectId, traceId, range, MAX_LOGS + 1), "query-trace"),
            statements.rows(TraceSql.errors(projectId, traceId, range, MAX_ERRORS + 1), "query-trace"))
        .asTuple()
        .chain(stored -> {
          List<JsonNode> spans = stored.getItem1();
          List<JsonNode> logs = stored.getItem2();
          List<JsonNode> errors = stored.getItem3();
          long first = Long.MAX_VALUE;
          long last = Long.MIN_VALUE;
          for (JsonNode span : spans) {
            first = Math.min(first, span.get(9).asLong());
            last = Math.max(last, span.get(9).asLong() + (long) Math.ceil(span.get(10).asDouble()));
          }
          for (JsonNode row : logs) {
            first = Math.min(first, row.get(0).asLong());
            last = Math.max(last, row.get(0).asLong());
          }
          for (JsonNode row : errors) {
            first = Math.min(first, row.get(0).asLong());
            last = Math.max(last, row.get(0).asLong());
          }
          if (atMillis != null) {
            first = Math.min(first, atMillis);
            last = Math.max(last, atMillis);
          }
          if (first == Long.MAX_VALUE) {
            return Uni.createFrom().item(assemble(traceId, projectId, spans, logs, errors, List.of()));
          }
          TimeRange metricRange = new TimeRange(Math.floorDiv(first - METRIC_MARGIN_MILLIS, 1000),
              Math.floorDiv(last + METRIC_MARGIN_MILLIS, 1000) + 1);
          return statements.rows(TraceSql.metrics(projectId, traceId, metricRange, MAX_METRICS + 1), "query-trace")
              .map(metrics -> assemble(traceId, projectId, spans, logs, errors, metrics));
        }));
  }

  public Uni<ComparableResponse> comparable(Caller caller, ComparableRequest request) {
    if (request == null) {
      throw ApiException.badRequest("The request body is missing");
    }
    long projectId = access.require(caller, request.project() == null ? List.of() : List.of(request.project())).get(0);
    if (request.timestamp() == null) {
      throw ApiException.badRequest("'timestamp' is required: the time of the sample");
    }
    long timestamp = TimeRange.instant("timestamp", request.timestamp()).toEpochMilli();
    Map<String, String> match = new TreeMap<>(request.match() == null ? Map.of() : request.match());
    if (match.isEmpty()) {
      throw ApiException.badRequest("'match' must name at least one of " + String.join(", ", new TreeMap<>(TraceSql.MATCH_COLUMNS).keySet()));
    }
    match.forEach((key, value) -> {
      if (!TraceSql.MATCH_COLUMNS.containsKey(key)) {
        throw ApiException.badRequest("'match." + key + "' is not one of " + String.join(", ", new TreeMap<>(TraceSql.MATCH_COLUMNS).keySet()));
      }
      if (value == null || value.length() > SearchSql.MAX_TEXT) {
        throw ApiException.badRequest("'match." + key + "' must be a string of at most " + SearchSql.MAX_TEXT + " characters");
      }
    });
    String exclude = request.excludeTraceId() == null ? null : traceId("excludeTraceId", request.excludeTraceId());
    int limit = limit(request.limit());
    return reader.read(caller, statements -> comparable(statements, projectId, timestamp, match, exclude, limit, 0))
        .map(rows -> new ComparableResponse(ComparableResponse.LABEL, match, rows.stream().map(row -> new ComparableTrace(
            ComparableResponse.LABEL, row.get(0).asText(), row.get(1).asText(), row.get(2).asText(), row.get(3).asText(),
            row.get(4).asText(), row.get(5).asText(), row.get(6).asText(), millis(row.get(7).asLong()),
            row.get(8).asDouble(), row.get(9).asLong())).toList()));
  }

  /** The narrowest window that has enough traces, so a busy project reads an hour of segments, not a week. */
  private static Uni<List<JsonNode>> comparable(Statements statements, long project, long timestamp,
      Map<String, String> match, String exclude, int limit, int window) {
    String sql = TraceSql.comparable(project, timestamp, COMPARABLE_WINDOWS.get(window), match, exclude, limit);
    return statements.rows(sql, "query-trace-comparable").chain(rows -> rows.size() >= limit || window == COMPARABLE_WINDOWS.size() - 1
        ? Uni.createFrom().item(rows)
        : comparable(statements, project, timestamp, match, exclude, limit, window + 1));
  }

  public Uni<SearchResponse> search(Caller caller, SearchRequest request) {
    if (request == null) {
      throw ApiException.badRequest("The request body is missing");
    }
    long projectId = access.require(caller, request.project() == null ? List.of() : List.of(request.project())).get(0);
    TimeRange range = TimeRange.resolve(request.start(), request.end(), request.period(), Instant.now(),
        config.maxRange().toSeconds());
    int limit = limit(request.limit());
    String sql = SearchSql.compile(projectId, range, request.conditions(), request.sort(), limit);
    return reader.read(caller, statements -> statements.rows(sql, "query-trace-search").chain(rows -> {
      List<JsonNode> page = rows.subList(0, Math.min(limit, rows.size()));
      if (page.isEmpty()) {
        return Uni.createFrom().item(new SearchResponse(List.of(), false));
      }
      List<String> ids = page.stream().map(row -> row.get(0).asText()).toList();
      long first = page.stream().mapToLong(row -> row.get(1).asLong()).min().orElseThrow();
      long last = page.stream().mapToLong(row -> row.get(2).asLong()).max().orElseThrow();
      // The traces' own minutes, so the summaries read the day partitions they lie in and no others.
      TimeRange around = new TimeRange(Math.floorDiv(first - METRIC_MARGIN_MILLIS, 1000),
          Math.floorDiv(last + METRIC_MARGIN_MILLIS, 1000) + 1);
      return Uni.combine().all().unis(
              statements.rows(SearchSql.spanSummary(projectId, around, ids), "query-trace-search"),
              statements.rows(SearchSql.errorSummary(projectId, around, ids), "query-trace-search"),
              statements.rows(SearchSql.metricSummary(projectId, around, ids), "query-trace-search"))
          .asTuple()
          .map(summaries -> new SearchResponse(
              found(page, byTrace(summaries.getItem1()), byTrace(summaries.getItem2()), byTrace(summaries.getItem3())),
              rows.size() > limit));
    }));
  }

  private static List<FoundTrace> found(List<JsonNode> page, Map<String, List<JsonNode>> spans,
      Map<String, List<JsonNode>> errors, Map<String, List<JsonNode>> metrics) {
    return page.stream().map(row -> {
      String id = row.get(0).asText();
      JsonNode root = spans.getOrDefault(id, List.of()).stream().findFirst().orElse(null);
      boolean hasRoot = root != null && root.get(7).asLong() > 0;
      return new FoundTrace(id, millis(row.get(1).asLong()), millis(row.get(2).asLong()), row.get(3).asLong(),
          hasRoot ? root.get(2).asText() : null, hasRoot ? root.get(3).asText() : null,
          hasRoot ? root.get(4).asDouble() : null, hasRoot ? root.get(5).asText() : null,
          hasRoot ? root.get(6).asText() : null, root == null ? 0 : root.get(1).asLong(),
          errors.getOrDefault(id, List.of()).stream().mapToLong(e -> e.get(1).asLong()).sum(),
          metrics.getOrDefault(id, List.of()).stream().map(m -> new TraceMetric(m.get(1).asText(), m.get(2).asLong(),
              m.get(3).asDouble(), m.get(4).asText())).toList());
    }).toList();
  }

  private static Map<String, List<JsonNode>> byTrace(List<JsonNode> rows) {
    Map<String, List<JsonNode>> byTrace = new HashMap<>();
    rows.forEach(row -> byTrace.computeIfAbsent(row.get(0).asText(), id -> new ArrayList<>()).add(row));
    return byTrace;
  }

  public Uni<TraceCatalog> catalog(Caller caller, Long project, String period) {
    long projectId = access.require(caller, project == null ? List.of() : List.of(project)).get(0);
    TimeRange range = TimeRange.resolve(null, null, period == null ? "7d" : period, Instant.now(),
        config.maxRange().toSeconds());
    return reader.read(caller, statements -> Uni.combine().all().unis(
            statements.rows(TraceSql.spanCatalog(projectId, range), "query-trace-catalog"),
            statements.rows(TraceSql.logCatalog(projectId, range), "query-trace-catalog"),
            statements.rows(TraceSql.errorCatalog(projectId, range), "query-trace-catalog"))
        .asTuple()
        .map(rows -> {
          JsonNode spans = rows.getItem1().get(0);
          return new TraceCatalog(texts(spans.get(0)), texts(spans.get(1)), texts(spans.get(2)), texts(spans.get(3)),
              texts(spans.get(4)), texts(rows.getItem2().get(0).get(0)), texts(rows.getItem3().get(0).get(0)));
        }));
  }

  /** A topK array without the empty value (a column not sent). */
  private static List<String> texts(JsonNode values) {
    List<String> texts = new ArrayList<>();
    values.forEach(value -> {
      if (!value.asText().isEmpty()) {
        texts.add(value.asText());
      }
    });
    return texts;
  }

  private static TraceResponse assemble(String traceId, long project, List<JsonNode> spanRows, List<JsonNode> logRows,
      List<JsonNode> errorRows, List<JsonNode> metricRows) {
    boolean truncated = spanRows.size() > MAX_SPANS || logRows.size() > MAX_LOGS || errorRows.size() > MAX_ERRORS
        || metricRows.size() > MAX_METRICS;
    List<JsonNode> spans = spanRows.subList(0, Math.min(MAX_SPANS, spanRows.size()));
    long start = Long.MAX_VALUE;
    double end = Long.MIN_VALUE;
    for (JsonNode span : spans) {
      start = Math.min(start, span.get(9).asLong());
      end = Math.max(end, span.get(9).asLong() + span.get(10).asDouble());
    }
    long origin = start;
    List<Span> tree = SpanTree.depthFirst(spans, row -> row.get(0).asText(), row -> row.get(1).asText()).stream()
        .map(node -> {
          JsonNode row = node.row();
          return new Span(row.get(0).asText(), row.get(1).asText(), node.depth(), row.get(2).asInt() == 1,
              row.get(3).asText(), row.get(4).asText(), row.get(5).asText(), row.get(6).asText(), row.get(7).asText(),
              row.get(8).asText(), millis(row.get(9).asLong()), row.get(9).asLong() - origin, row.get(10).asDouble(),
              attributes(row, 11));
        }).toList();
    List<Log> logs = logRows.stream().limit(MAX_LOGS).map(row -> new Log(millis(row.get(0).asLong()), row.get(1).asText(),
        row.get(2).asText(), row.get(3).asText(), attributes(row, 4))).toList();
    List<TraceError> errors = errorRows.stream().limit(MAX_ERRORS).map(TraceService::error).toList();
    List<MetricSample> metrics = metricRows.stream().limit(MAX_METRICS).map(row -> new MetricSample(
        millis(row.get(0).asLong()), row.get(1).asText(), row.get(2).asText(), row.get(3).asText(), row.get(4).asDouble(),
        row.get(5).asText(), row.get(6).asDouble(), attributes(row, 7))).toList();
    boolean hasSpans = !spans.isEmpty();
    return new TraceResponse(traceId, project, hasSpans ? millis(start) : null,
        hasSpans ? Instant.ofEpochMilli((long) Math.ceil(end)).toString() : null, hasSpans ? end - start : 0,
        tree, logs, errors, metrics, truncated);
  }

  private static TraceError error(JsonNode row) {
    List<Frame> frames = new ArrayList<>();
    for (int i = 0; i < row.get(6).size(); i++) {
      frames.add(new Frame(row.get(6).get(i).asText(), row.get(7).get(i).asText(), row.get(8).get(i).asLong(),
          row.get(9).get(i).asInt() == 1));
    }
    return new TraceError(row.get(1).asText(), millis(row.get(0).asLong()), row.get(2).asText(), row.get(3).asText(),
        row.get(4).asText(), row.get(5).asText(), frames, row.get(10).asText(), row.get(11).asText(), row.get(12).asText());
  }

  /** The eight typed attribute arrays starting at column {@code first}, as one map of typed values. */
  private static Map<String, Object> attributes(JsonNode row, int first) {
    Map<String, Object> attributes = new TreeMap<>();
    for (int type = 0; type < 4; type++) {
      JsonNode keys = row.get(first + 2 * type);
      JsonNode values = row.get(first + 2 * type + 1);
      for (int i = 0; i < keys.size(); i++) {
        JsonNode value = values.get(i);
        attributes.put(keys.get(i).asText(), switch (type) {
          case 0 -> value.asText();
          case 1 -> value.asLong();
          case 2 -> value.asDouble();
          default -> value.asInt() == 1;
        });
      }
    }
    return attributes;
  }

  private static String millis(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).toString();
  }

  private static int limit(Integer requested) {
    int limit = requested == null ? DEFAULT_LIMIT : requested;
    if (limit < 1 || limit > MAX_LIMIT) {
      throw ApiException.badRequest("'limit' must be between 1 and " + MAX_LIMIT);
    }
    return limit;
  }

  /** Trace ids are 32 hex digits, stored in lower case. */
  static String traceId(String field, String value) {
    if (value == null || !TRACE_ID.matcher(value).matches()) {
      throw ApiException.badRequest("'" + field + "' must be a trace id of 32 hexadecimal digits");
    }
    return value.toLowerCase(Locale.ROOT);
  }
}
