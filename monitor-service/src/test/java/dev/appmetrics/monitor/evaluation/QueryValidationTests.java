package dev.appmetrics.monitor.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.appmetrics.common.error.ApiException;
import dev.appmetrics.common.error.ErrorResponse;
import dev.appmetrics.monitor.query.QueryClient.RejectedQuery;
import dev.appmetrics.monitor.query.QueryFailedException;
import dev.appmetrics.monitor.query.TimeseriesRequest;
import java.net.ConnectException;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** What saving a monitor answers to each answer of POST /api/v1/query/validate, as query-service's contract has them. */
class QueryValidationTests {

  /** An anomaly monitor's request: 12 weekly seasons and two 5-minute windows of history. */
  private static final TimeseriesRequest REQUEST =
      new TimeseriesRequest(
          List.of(1L),
          "2026-09-08T11:50:00Z",
          "2026-12-01T12:00:00Z",
          "10s",
          List.of(new TimeseriesRequest.Query("A", "m", "p95", "route:(", null)),
          null);

  private static ApiException refusal(String message, List<ErrorResponse.Detail> details) {
    ErrorResponse error = new ErrorResponse(400, "bad_request", message, details);
    return QueryValidation.answer(new RejectedQuery(400, error, "rejected", null), REQUEST);
  }

  @Test
  void relaysARefusalWithItsFieldsUnderQuery() {
    ApiException relayed =
        refusal(
            "queries[0].filter: unexpected end of text at position 7",
            List.of(
                new ErrorResponse.Detail(
                    "queries[0].filter", "unexpected end of text at position 7")));
    assertEquals(
        new ErrorResponse(
            400,
            "bad_request",
            "query.queries[0].filter: unexpected end of text at position 7",
            List.of(
                new ErrorResponse.Detail(
                    "query.queries[0].filter", "unexpected end of text at position 7"))),
        relayed.toResponse());
    assertEquals(
        "'query.interval' 10s gives more than 10000 points for this range",
        refusal("'interval' 10s gives more than 10000 points for this range", List.of())
            .getMessage());
    assertEquals(
        "query.equations[0].expression uses the unknown label 'C'",
        refusal("equations[0].expression uses the unknown label 'C'", null).getMessage());
    assertEquals(
        "Equation 'a' depends on itself (a cycle)",
        refusal("Equation 'a' depends on itself (a cycle)", List.of()).getMessage());
  }

  /** query-service's errors name their field in the message; the relay lists it in details for the UI. */
  @Test
  void aRefusalWithoutDetailsListsTheFieldItsMessageStartsWith() {
    assertEquals(
        List.of(
            new ErrorResponse.Detail(
                "query.queries[0].aggregate",
                "query.queries[0].aggregate 'p96' is not an aggregate")),
        refusal("queries[0].aggregate 'p96' is not an aggregate", List.of())
            .toResponse()
            .details());
    assertEquals(
        "query.interval",
        refusal("'interval' 10s gives more than 10000 points for this range", List.of())
            .toResponse()
            .details()
            .get(0)
            .field());
    assertEquals(
        "query",
        refusal("Equation 'a' depends on itself (a cycle)", null)
            .toResponse()
            .details()
            .get(0)
            .field());
  }

  /** The range is no field of the monitor: the answer says what reads it. */
  @Test
  void aRefusedRangeIsExplainedAsWhatEachEvaluationReads() {
    assertEquals(
        "Each evaluation of this monitor reads a range query-service refuses (now that is "
            + "2026-09-08T11:50:00Z to 2026-12-01T12:00:00Z): 'start' to 'end' is longer than 30 days",
        refusal("'start' to 'end' is longer than 30 days", List.of()).getMessage());
  }

  @Test
  void anythingButARefusalIsA503SavingNothing() {
    ErrorResponse forbidden =
        new ErrorResponse(403, "forbidden", "No organization 7 with an active project", List.of());
    for (Throwable failure :
        List.of(
            new RejectedQuery(403, forbidden, "rejected", null),
            new RejectedQuery(400, null, "no error JSON", null),
            new RejectedQuery(404, null, "no such endpoint", null),
            new QueryFailedException("query-service failed (500)", false, null),
            new ConnectException("refused"),
            new TimeoutException())) {
      ApiException answer = QueryValidation.answer(failure, REQUEST);
      assertEquals(503, answer.status(), failure.toString());
      assertEquals(
          "query-service could not check the monitor's query, so the monitor was not saved; try again in a "
              + "moment",
          answer.getMessage());
    }
  }
}
