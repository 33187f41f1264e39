package dev.appmetrics.monitor.monitor;

import dev.appmetrics.common.error.ApiException;
import dev.appmetrics.common.error.ErrorResponse;
import dev.appmetrics.monitor.evaluation.EvaluationPlan;
import dev.appmetrics.monitor.query.QueryClient;
import dev.appmetrics.monitor.query.QueryClient.RejectedQuery;
import dev.appmetrics.monitor.query.TimeseriesRequest;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Has query-service judge a monitor's query before the monitor is saved, so the one validation query-service owns
 * serves the Explorer and monitors alike and a monitor it would refuse at every evaluation is refused once, on save:
 * each request an evaluation sends (its {@link EvaluationPlan}) goes to {@code POST /api/v1/query/validate} with
 * monitor-service's own credential. A refusal is relayed as a 400 with the fields placed under {@code query.}; when
 * query-service cannot tell, nothing is saved and the answer is a 503.
 */
@ApplicationScoped
public class QueryValidation {

  private static final Logger LOG = Logger.getLogger(QueryValidation.class);
  /** Fields of query-service's request that a monitor holds under "query" ("queries[0].filter", "'interval'"). */
  private static final Pattern QUERY_FIELD = Pattern.compile("^(')?(queries|equations|interval|projects)\\b");
  /** Fields an evaluation fills in itself: the range it reads. */
  private static final Pattern RANGE_FIELD = Pattern.compile("^'(start|end|period)'");

  private final QueryClient query;

  public QueryValidation(QueryClient query) {
    this.query = query;
  }

  public Uni<Void> require(long organizationId, MonitorSpec spec) {
    return Multi.createFrom().iterable(EvaluationPlan.of(spec, Instant.now()).requests())
        .onItem().transformToUniAndConcatenate(request -> query.validate(organizationId, request)
            .onFailure().transform(failure -> answer(failure, request)))
        .collect().last().replaceWithVoid();
  }

  /** query-service's 400 as the monitor's own; anything else (no answer, 5xx, its credential refused) a 503. */
  static ApiException answer(Throwable failure, TimeseriesRequest request) {
    if (failure instanceof RejectedQuery rejected && rejected.status() == 400 && rejected.error().isPresent()) {
      ErrorResponse error = rejected.error().get();
      return new ApiException(400, error.code(), message(error.message(), request), error.details() == null
          ? List.of()
          : error.details().stream().map(d -> new ErrorResponse.Detail(underQuery(d.field()), d.reason())).toList());
    }
    LOG.warnf(failure, "query-service could not validate a monitor's query");
    return new ApiException(503, "service_unavailable", "query-service could not check the monitor's query, so the "
        + "monitor was not saved; try again in a moment");
  }

  private static String message(String message, TimeseriesRequest request) {
    if (RANGE_FIELD.matcher(message).find()) {
      return "Each evaluation of this monitor reads a range query-service refuses (now that is " + request.start()
          + " to " + request.end() + "): " + message;
    }
    return underQuery(message);
  }

  static String underQuery(String field) {
    return field == null ? null : QUERY_FIELD.matcher(field).replaceFirst("$1query.$2");
  }
}
