package dev.appmetrics.query.catalog;

import dev.appmetrics.common.auth.Caller;
import dev.appmetrics.common.auth.ProjectAccess;
import dev.appmetrics.common.error.ApiException;
import dev.appmetrics.query.config.QueryConfig;
import dev.appmetrics.query.filter.FilterLimits;
import dev.appmetrics.query.sql.ClickHouseReader;
import dev.appmetrics.query.time.TimeRange;
import dev.appmetrics.query.timeseries.TimeseriesPlan;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** What a project has sent: metric names, their attribute keys and the values of an attribute. */
@ApplicationScoped
public class CatalogService {

  public static final String DEFAULT_PERIOD = "7d";
  private static final String SENDER = "query-catalog";

  private final ClickHouseReader reader;
  private final ProjectAccess access;
  private final QueryConfig config;

  public CatalogService(ClickHouseReader reader, ProjectAccess access, QueryConfig config) {
    this.reader = reader;
    this.access = access;
    this.config = config;
  }

  public Uni<CatalogResponses.Metrics> metrics(Caller caller, List<Long> projects, String period) {
    List<Long> allowed = access.require(caller, projects);
    return reader
        .run(caller, CatalogSql.metrics(allowed, range(period)), SENDER)
        .map(CatalogResponses.Metrics::new);
  }

  public Uni<CatalogResponses.Attributes> attributes(
      Caller caller, List<Long> projects, String metric, String period) {
    List<Long> allowed = access.require(caller, projects);
    return reader
        .run(caller, CatalogSql.attributes(allowed, metric(metric), range(period)), SENDER)
        .map(CatalogResponses.Attributes::new);
  }

  public Uni<CatalogResponses.Values> values(
      Caller caller, List<Long> projects, String metric, String key, String prefix, String period) {
    List<Long> allowed = access.require(caller, projects);
    if (key == null || key.isEmpty() || key.length() > FilterLimits.MAX_KEY_LENGTH) {
      throw ApiException.badRequest(
          "The attribute key must have 1 to " + FilterLimits.MAX_KEY_LENGTH + " characters");
    }
    String start = prefix == null ? "" : prefix;
    if (start.length() > FilterLimits.MAX_LENGTH) {
      throw ApiException.badRequest(
          "'prefix' is longer than " + FilterLimits.MAX_LENGTH + " characters");
    }
    return reader
        .run(caller, CatalogSql.values(allowed, metric(metric), key, start, range(period)), SENDER)
        .map(CatalogResponses.Values::new);
  }

  private TimeRange range(String period) {
    return TimeRange.resolve(
        null,
        null,
        period == null ? DEFAULT_PERIOD : period,
        Instant.now(),
        config.maxRange().toSeconds());
  }

  private static String metric(String metric) {
    if (metric == null || metric.isBlank() || metric.length() > TimeseriesPlan.MAX_METRIC_LENGTH) {
      throw ApiException.badRequest(
          "The metric name must have 1 to " + TimeseriesPlan.MAX_METRIC_LENGTH + " characters");
    }
    return metric;
  }
}
