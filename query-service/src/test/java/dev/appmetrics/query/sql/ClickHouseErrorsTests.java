package dev.appmetrics.query.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.appmetrics.common.clickhouse.ClickHouseException;
import dev.appmetrics.common.error.ErrorResponse;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

class ClickHouseErrorsTests {

  static Response answer(String clickHouseText) {
    return new ClickHouseErrors().clickHouse(new ClickHouseException(500, clickHouseText));
  }

  static String code(Response response) {
    return ((ErrorResponse) response.getEntity()).code();
  }

  @Test
  void aStatementOverItsOwnMemoryLimitIsTheRequestsFault() {
    Response response =
        answer(
            "Code: 241, e.displayText() = DB::Exception: Memory limit (for query) exceeded: would "
                + "use 2.00 MiB (attempt to allocate chunk of 4096 bytes), maximum: 1000.00 B");

    assertEquals(400, response.getStatus());
    assertEquals("query_memory_exceeded", code(response));
  }

  @Test
  void aServerShortOfMemoryAsAWholeIsA503WithRetryAfter() {
    Response response =
        answer(
            "Code: 241, e.displayText() = DB::Exception: Memory limit (total) exceeded: would use "
                + "20.00 GiB (attempt to allocate chunk of 4096 bytes), maximum: 19.00 GiB");

    assertEquals(503, response.getStatus());
    assertEquals("clickhouse_busy", code(response));
    assertEquals("5", response.getHeaderString("Retry-After"));
  }

  @Test
  void anythingElseIsABadGateway() {
    assertEquals(
        502, answer("Code: 62, e.displayText() = DB::Exception: Syntax error").getStatus());
    assertEquals(
        504, answer("Code: 159, e.displayText() = DB::Exception: Timeout exceeded").getStatus());
  }
}
