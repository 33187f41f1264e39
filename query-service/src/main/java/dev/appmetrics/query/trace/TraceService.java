package dev.appmetrics.query.trace;

import dev.appmetrics.common.auth.Caller;
import dev.appmetrics.common.auth.ProjectAccess;
import dev.appmetrics.query.config.QueryConfig;
import dev.appmetrics.query.sql.ClickHouseReader;
import dev.appmetrics.query.time.TimeRange;
import dev.appmetrics.query.trace.TraceSql.Stamped;
import dev.appmetrics.query.trace.TraceSql.StoredSpan;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/** One trace with its logs and errors, then the metric events stored in the minutes those cover. */
@ApplicationScoped
public class TraceService {

  /** A sample's time finds its trace within a day either side: two or three day partitions instead of all. */
  static final long AROUND_SAMPLE_SECONDS = 86_400;

  /** Metric events of a trace are looked for this long before its first and after its last stored event. */
  static final long METRIC_MARGIN_MILLIS = 60_000;

  private static final String SENDER = "query-trace";

  private final ClickHouseReader reader;
  private final ProjectAccess access;
  private final QueryConfig config;

  public TraceService(ClickHouseReader reader, ProjectAccess access, QueryConfig config) {
    this.reader = reader;
    this.access = access;
    this.config = config;
  }

  public Uni<TraceResponse> trace(Caller caller, Long project, String rawTraceId, String at) {
    long projectId = TraceRequests.project(access, caller, project);
    String traceId = TraceRequests.traceId("traceId", rawTraceId);
    Long atMillis = at == null ? null : TimeRange.instant("at", at).toEpochMilli();
    long now = Instant.now().getEpochSecond();
    TimeRange range =
        atMillis == null
            ? new TimeRange(now - config.maxRange().toSeconds(), now + 1)
            : new TimeRange(
                Math.floorDiv(atMillis, 1000) - AROUND_SAMPLE_SECONDS,
                Math.floorDiv(atMillis, 1000) + AROUND_SAMPLE_SECONDS);
    return reader.read(
        caller,
        statements ->
            Uni.combine()
                .all()
                .unis(
                    statements.run(
                        TraceSql.spans(projectId, traceId, range, TraceAssembly.MAX_SPANS + 1),
                        SENDER),
                    statements.run(
                        TraceSql.logs(projectId, traceId, range, TraceAssembly.MAX_LOGS + 1),
                        SENDER),
                    statements.run(
                        TraceSql.errors(projectId, traceId, range, TraceAssembly.MAX_ERRORS + 1),
                        SENDER))
                .asTuple()
                .chain(
                    stored -> {
                      TraceAssembly trace =
                          new TraceAssembly(
                              traceId,
                              projectId,
                              stored.getItem1(),
                              stored.getItem2(),
                              stored.getItem3());
                      long first = Long.MAX_VALUE;
                      long last = Long.MIN_VALUE;
                      for (StoredSpan span : trace.spans()) {
                        first = Math.min(first, span.startMillis());
                        last =
                            Math.max(
                                last, span.startMillis() + (long) Math.ceil(span.durationMs()));
                      }
                      for (Stamped<?> event :
                          Stream.concat(trace.logs().stream(), trace.errors().stream()).toList()) {
                        first = Math.min(first, event.millis());
                        last = Math.max(last, event.millis());
                      }
                      if (atMillis != null) {
                        first = Math.min(first, atMillis);
                        last = Math.max(last, atMillis);
                      }
                      if (first == Long.MAX_VALUE) {
                        return Uni.createFrom().item(trace.withMetrics(List.of()));
                      }
                      TimeRange metricRange =
                          new TimeRange(
                              Math.floorDiv(first - METRIC_MARGIN_MILLIS, 1000),
                              Math.floorDiv(last + METRIC_MARGIN_MILLIS, 1000) + 1);
                      return statements
                          .run(
                              TraceSql.metrics(
                                  projectId, traceId, metricRange, TraceAssembly.MAX_METRICS + 1),
                              SENDER)
                          .map(trace::withMetrics);
                    }));
  }
}
