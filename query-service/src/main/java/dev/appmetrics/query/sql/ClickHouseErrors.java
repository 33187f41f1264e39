package dev.appmetrics.query.sql;

import dev.appmetrics.common.clickhouse.ClickHouseException;
import dev.appmetrics.common.error.ErrorResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * ClickHouse's refusals in the common error shape: a result over the row limit is the request's fault (400),
 * a timeout is 504, anything else 502. ClickHouse's own text stays in the log, not in the answer.
 */
public class ClickHouseErrors {

  private static final Logger LOG = Logger.getLogger(ClickHouseErrors.class);
  private static final Pattern CODE = Pattern.compile("Code: (\\d+)");
  private static final int TIMEOUT_EXCEEDED = 159;
  private static final int TOO_MANY_ROWS = 158;
  private static final int TOO_MANY_ROWS_OR_BYTES = 396;

  @ServerExceptionMapper
  public Response clickHouse(ClickHouseException e) {
    Matcher m = CODE.matcher(e.getMessage());
    int code = m.find() ? Integer.parseInt(m.group(1)) : -1;
    if (code == TOO_MANY_ROWS || code == TOO_MANY_ROWS_OR_BYTES) {
      return json(400, "result_too_large",
          "The answer has too many rows: narrow the time range or filter, or set a limit on group-bys");
    }
    LOG.errorf("ClickHouse failed a query: %s", e.getMessage());
    if (code == TIMEOUT_EXCEEDED) {
      return json(504, "query_timeout", "The query took longer than the server's limit");
    }
    return json(502, "clickhouse_error", "ClickHouse could not answer; the server log has the details");
  }

  private static Response json(int status, String code, String message) {
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(ErrorResponse.of(status, code, message)).build();
  }
}
