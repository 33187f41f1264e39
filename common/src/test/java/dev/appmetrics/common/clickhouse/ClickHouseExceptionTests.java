package dev.appmetrics.common.clickhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ClickHouseExceptionTests {

  @Test
  void headerCodeWinsOverTheText() {
    assertEquals(
        OptionalInt.of(72),
        new ClickHouseException(400, "72", "Code: 62. DB::Exception: other").code());
  }

  @Test
  void oldServerWithoutHeaderGivesTheCodeInItsText() {
    assertEquals(
        OptionalInt.of(62),
        new ClickHouseException(
                400, null, "Code: 62, e.displayText() = DB::Exception: Syntax error")
            .code());
  }

  @Test
  void currentServerTextFormIsReadToo() {
    assertEquals(
        OptionalInt.of(241),
        new ClickHouseException(500, "Code: 241. DB::Exception: Memory limit").code());
  }

  @Test
  void answerWithoutAnyCodeHasNone() {
    assertEquals(OptionalInt.empty(), new ClickHouseException(502, null, "Bad Gateway").code());
    assertEquals(OptionalInt.empty(), new ClickHouseException(500, "x", "Code: 1").code());
  }
}
