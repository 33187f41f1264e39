package dev.appmetrics.common.clickhouse;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** ClickHouse answered with an error; the message is the server's own text, the code its error code when known. */
public class ClickHouseException extends RuntimeException {

  /** The header current servers put the error code in; 18.16 (the local stack) does not send it. */
  static final String CODE_HEADER = "X-ClickHouse-Exception-Code";

  /** Servers without the header start their text with the code: "Code: 62, e.displayText() = ..." (24.x: "Code: 62."). */
  private static final Pattern CODE_IN_TEXT = Pattern.compile("Code: (\\d+)");

  private final int httpStatus;
  private final OptionalInt code;

  /** An error whose code is only in its text (old servers, and tests that quote a server's answer). */
  public ClickHouseException(int httpStatus, String message) {
    this(httpStatus, null, message);
  }

  /** @param codeHeader the {@value #CODE_HEADER} response header, null when the server did not send one */
  public ClickHouseException(int httpStatus, String codeHeader, String message) {
    super(message);
    this.httpStatus = httpStatus;
    this.code = codeHeader != null ? parse(codeHeader.strip()) : codeInText(message);
  }

  public int httpStatus() {
    return httpStatus;
  }

  /** ClickHouse's error code (62 syntax error, 72 cannot parse a number, ...); empty when the answer carried none. */
  public OptionalInt code() {
    return code;
  }

  private static OptionalInt codeInText(String message) {
    Matcher matcher = CODE_IN_TEXT.matcher(message == null ? "" : message);
    return matcher.find() ? parse(matcher.group(1)) : OptionalInt.empty();
  }

  private static OptionalInt parse(String digits) {
    try {
      return OptionalInt.of(Integer.parseInt(digits));
    } catch (NumberFormatException e) {
      return OptionalInt.empty();
    }
  }
}
