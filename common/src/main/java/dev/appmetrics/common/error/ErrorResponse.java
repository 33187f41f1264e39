package dev.appmetrics.common.error;

import java.util.List;

/**
 * The one error shape every service answers with: a machine-readable code, a sentence for people,
 * and optional per-item details (for example the index and reason of each rejected item in a batch).
 */
public record ErrorResponse(int status, String code, String message, List<Detail> details) {

  public record Detail(String field, String reason) {}

  public static ErrorResponse of(int status, String code, String message) {
    return new ErrorResponse(status, code, message, List.of());
  }
}
