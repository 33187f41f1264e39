package dev.appmetrics.query.samples;

import dev.appmetrics.common.auth.Caller;
import dev.appmetrics.common.auth.ProjectAccess;
import dev.appmetrics.common.error.ApiException;
import dev.appmetrics.query.config.QueryConfig;
import dev.appmetrics.query.filter.Filter;
import dev.appmetrics.query.filter.FilterJson;
import dev.appmetrics.query.filter.FilterSql;
import dev.appmetrics.query.samples.SamplesResponse.Sample;
import dev.appmetrics.query.sql.ClickHouseReader;
import dev.appmetrics.query.sql.Statement;
import dev.appmetrics.query.time.TimeRange;
import dev.appmetrics.query.timeseries.TimeseriesPlan;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** Individual events behind a chart, with the same filters, in a total order, page by page. */
@ApplicationScoped
public class SamplesService {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 1000;

  private final ClickHouseReader reader;
  private final ProjectAccess access;
  private final QueryConfig config;
  private final CursorSigner signer;

  public SamplesService(
      ClickHouseReader reader, ProjectAccess access, QueryConfig config, CursorSigner signer) {
    this.reader = reader;
    this.access = access;
    this.config = config;
    this.signer = signer;
  }

  public Uni<SamplesResponse> samples(Caller caller, SamplesRequest request) {
    if (request == null) {
      throw ApiException.badRequest("The request body is missing");
    }
    List<Long> projects = access.require(caller, request.projects());
    if (request.metric() == null
        || request.metric().isBlank()
        || request.metric().length() > TimeseriesPlan.MAX_METRIC_LENGTH) {
      throw ApiException.badRequest(
          "'metric' must be a metric name of 1 to "
              + TimeseriesPlan.MAX_METRIC_LENGTH
              + " characters");
    }
    int limit = request.limit() == null ? DEFAULT_LIMIT : request.limit();
    if (limit < 1 || limit > MAX_LIMIT) {
      throw ApiException.badRequest("'limit' must be between 1 and " + MAX_LIMIT);
    }
    Filter filter = FilterJson.fromRequest(request.filter(), "filter");
    List<String> scope = cursorScope(caller, projects, request, filter);
    SampleCursor position;
    if (request.cursor() != null) {
      position = SampleCursor.decode(request.cursor(), signer, scope);
    } else {
      SampleSort sort =
          SampleSort.parse(request.sort() == null ? "-timestamp" : request.sort())
              .orElseThrow(
                  () ->
                      ApiException.badRequest(
                          "'sort' must be one of -timestamp, timestamp, -value, value"));
      TimeRange range =
          TimeRange.resolve(
              request.start(),
              request.end(),
              request.period(),
              Instant.now(),
              config.maxRange().toSeconds());
      position = new SampleCursor(0, range, sort);
    }
    Statement<Sample> page =
        SamplesSql.page(
            projects,
            request.metric(),
            filter,
            position.range(),
            position.sort(),
            position.offset(),
            limit);
    return reader
        .run(caller, page, "query-samples")
        .map(
            rows -> {
              List<Sample> samples = rows.subList(0, Math.min(limit, rows.size()));
              String next =
                  rows.size() > limit
                      ? new SampleCursor(
                              position.offset() + limit, position.range(), position.sort())
                          .encode(signer, scope)
                      : null;
              return new SamplesResponse(samples, next);
            });
  }

  /**
   * What a cursor pages: the organization and every field of the request but the cursor and the limit (pages may
   * change size). The filter counts by its SQL, so its text and JSON forms are one scope.
   */
  private static List<String> cursorScope(
      Caller caller, List<Long> projects, SamplesRequest request, Filter filter) {
    return Arrays.asList(
        Long.toString(caller.organizationId()),
        projects.toString(),
        request.metric(),
        FilterSql.condition(filter),
        request.sort(),
        request.start(),
        request.end(),
        request.period());
  }
}
