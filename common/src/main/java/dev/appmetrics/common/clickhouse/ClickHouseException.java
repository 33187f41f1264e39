package dev.appmetrics.common.clickhouse;

/** ClickHouse answered with an error; the message is the server's own text. */
public class ClickHouseException extends RuntimeException {

  private final int httpStatus;

  public ClickHouseException(int httpStatus, String message) {
    super(message);
    this.httpStatus = httpStatus;
  }

  public int httpStatus() {
    return httpStatus;
  }
}
