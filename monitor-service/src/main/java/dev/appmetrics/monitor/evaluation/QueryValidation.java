package dev.appmetrics.monitor.evaluation;

import dev.appmetrics.common.error.ApiException;
import dev.appmetrics.common.error.ErrorResponse;
import dev.appmetrics.monitor.api.DurationText;
import dev.appmetrics.monitor.api.Problems;
import dev.appmetrics.monitor.definition.MonitorQuery;
import dev.appmetrics.monitor.definition.MonitorSpec;
import dev.appmetrics.monitor.definition.QueryCheck;
import dev.appmetrics.monitor.query.QueryClient;
import dev.appmetrics.monitor.query.QueryClient.RejectedQuery;
import dev.appmetrics.monitor.query.TimeseriesRequest;
import dev.appmetrics.monitor.query.ValidationResponse;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Has query-service judge a monitor's query before the monitor is saved, so the one validation query-service owns
 * serves the Explorer and monitors alike and a monitor it would refuse at every evaluation is refused once, on save:
 * each request an evaluation sends (its {@link EvaluationPlan}) goes to {@code POST /api/v1/query/validate} with
 * monitor-service's own credential, and so does the same query over the last {@link #METRIC_LOOKBACK}, whose
 * warning about a metric without events there (most often a misspelt name) refuses the monitor too. A refusal is
 * relayed as a 400 with the fields placed under {@code query.}; when query-service cannot tell, nothing is saved and
 * the answer is a 503.
 */
@ApplicationScoped
public class QueryValidation implements QueryCheck {

  private static final Logger LOG = Logger.getLogger(QueryValidation.class);

  /** A metric watched by a monitor must have had events this recently: the period the Explorer's catalog lists. */
  public static final Duration METRIC_LOOKBACK = Duration.ofDays(7);

  /** Fields of query-service's request that a monitor holds under "query" ("queries[0].filter", "'interval'"). */
  private static final Pattern QUERY_FIELD =
      Pattern.compile("^(')?(queries|equations|interval|projects)\\b");

  /** The field a message of query-service starts with, when its error has no details. */
  private static final Pattern MESSAGE_FIELD =
      Pattern.compile(
          "^'?((?:queries|equations|interval|projects)(?:\\[\\d+])?(?:\\.[A-Za-z]+)?)'?");

  /** Fields an evaluation fills in itself: the range it reads. */
  private static final Pattern RANGE_FIELD = Pattern.compile("^'(start|end|period)'");

  private final QueryClient query;

  public QueryValidation(QueryClient query) {
    this.query = query;
  }

  @Override
  public Uni<Void> require(long organizationId, MonitorSpec spec) {
    Instant now = Instant.now();
    List<TimeseriesRequest> requests = new ArrayList<>(EvaluationPlan.of(spec, now).requests());
    requests.add(lookback(spec, now));
    return Multi.createFrom()
        .iterable(requests)
        .onItem()
        .transformToUniAndConcatenate(
            request ->
                query
                    .validate(organizationId, request)
                    .onFailure()
                    .transform(failure -> answer(failure, request)))
        .collect()
        .last()
        .invoke(QueryValidation::requireEvents)
        .replaceWithVoid();
  }

  /** The monitor's queries over the last {@link #METRIC_LOOKBACK}, in buckets query-service picks. */
  private static TimeseriesRequest lookback(MonitorSpec spec, Instant now) {
    MonitorQuery q = spec.query();
    return new TimeseriesRequest(
        q.projects(),
        now.minus(METRIC_LOOKBACK).toString(),
        now.toString(),
        null,
        q.queries(),
        q.equations().isEmpty() ? null : q.equations());
  }

  /** A metric without events in the lookback: the monitor would see no data at any evaluation. */
  private static void requireEvents(ValidationResponse lookback) {
    Problems problems = new Problems();
    lookback.warningsOrNone().stream()
        .filter(w -> w.field() != null && w.field().endsWith(".metric"))
        .forEach(
            w ->
                problems.add(
                    underQuery(w.field()),
                    underQuery(w.field())
                        + " has no events in these projects "
                        + "in the last "
                        + DurationText.format(METRIC_LOOKBACK)
                        + ", so the monitor would never see data: is the "
                        + "name right?"));
    problems.throwIfAny();
  }

  /** query-service's 400 as the monitor's own; anything else (no answer, 5xx, its credential refused) a 503. */
  static ApiException answer(Throwable failure, TimeseriesRequest request) {
    if (failure instanceof RejectedQuery rejected
        && rejected.status() == 400
        && rejected.error().isPresent()) {
      ErrorResponse error = rejected.error().get();
      String message = message(error.message(), request);
      List<ErrorResponse.Detail> details =
          error.details() == null || error.details().isEmpty()
              ? List.of(new ErrorResponse.Detail(fieldOf(error.message()), message))
              : error.details().stream()
                  .map(d -> new ErrorResponse.Detail(underQuery(d.field()), d.reason()))
                  .toList();
      return new ApiException(400, error.code(), message, details);
    }
    LOG.warnf(failure, "query-service could not validate a monitor's query");
    return new ApiException(
        503,
        "service_unavailable",
        "query-service could not check the monitor's query, so the "
            + "monitor was not saved; try again in a moment");
  }

  /** The monitor's field a message of query-service is about ("query.queries[0].aggregate"), or "query". */
  static String fieldOf(String message) {
    Matcher matcher = MESSAGE_FIELD.matcher(message == null ? "" : message);
    return matcher.find() ? "query." + matcher.group(1) : "query";
  }

  private static String message(String message, TimeseriesRequest request) {
    if (RANGE_FIELD.matcher(message).find()) {
      return "Each evaluation of this monitor reads a range query-service refuses (now that is "
          + request.start()
          + " to "
          + request.end()
          + "): "
          + message;
    }
    return underQuery(message);
  }

  static String underQuery(String field) {
    return field == null ? null : QUERY_FIELD.matcher(field).replaceFirst("$1query.$2");
  }
}
