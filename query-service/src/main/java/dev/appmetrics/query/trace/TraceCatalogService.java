package dev.appmetrics.query.trace;

import dev.appmetrics.common.auth.Caller;
import dev.appmetrics.common.auth.ProjectAccess;
import dev.appmetrics.query.config.QueryConfig;
import dev.appmetrics.query.sql.ClickHouseReader;
import dev.appmetrics.query.time.TimeRange;
import dev.appmetrics.query.trace.TraceCatalogSql.SpanValues;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** The values a project's recent traces hold, for trace search's autocomplete. */
@ApplicationScoped
public class TraceCatalogService {

  private static final String SENDER = "query-trace-catalog";

  private final ClickHouseReader reader;
  private final ProjectAccess access;
  private final QueryConfig config;

  public TraceCatalogService(ClickHouseReader reader, ProjectAccess access, QueryConfig config) {
    this.reader = reader;
    this.access = access;
    this.config = config;
  }

  public Uni<TraceCatalog> catalog(Caller caller, Long project, String period) {
    long projectId = TraceRequests.project(access, caller, project);
    TimeRange range =
        TimeRange.resolve(
            null,
            null,
            period == null ? "7d" : period,
            Instant.now(),
            config.maxRange().toSeconds());
    return reader.read(
        caller,
        statements ->
            Uni.combine()
                .all()
                .unis(
                    statements.run(TraceCatalogSql.spans(projectId, range), SENDER),
                    statements.run(TraceCatalogSql.logLevels(projectId, range), SENDER),
                    statements.run(TraceCatalogSql.exceptionTypes(projectId, range), SENDER))
                .asTuple()
                .map(
                    rows -> {
                      SpanValues spans = rows.getItem1().get(0);
                      return new TraceCatalog(
                          spans.ops(),
                          spans.transactions(),
                          spans.statuses(),
                          spans.releases(),
                          spans.environments(),
                          rows.getItem2().get(0),
                          rows.getItem3().get(0));
                    }));
  }
}
