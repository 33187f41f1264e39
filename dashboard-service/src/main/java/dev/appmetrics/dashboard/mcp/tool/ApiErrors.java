package dev.appmetrics.dashboard.mcp.tool;

import dev.appmetrics.common.error.ErrorResponse;
import java.util.stream.Collectors;

/** An API's error as one line an assistant can act on: status, code, message and each field's reason. */
public final class ApiErrors {

  private ApiErrors() {}

  public static String describe(ErrorResponse error) {
    String details =
        error.details() == null || error.details().isEmpty()
            ? ""
            : " ("
                + error.details().stream()
                    .map(d -> d.field() + ": " + d.reason())
                    .collect(Collectors.joining("; "))
                + ")";
    return error.status() + " " + error.code() + ": " + error.message() + details;
  }
}
