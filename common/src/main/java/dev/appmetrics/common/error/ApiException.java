package dev.appmetrics.common.error;

import java.util.List;

/** A failure that maps to a precise HTTP status and an {@link ErrorResponse}. */
public class ApiException extends RuntimeException {

  private final int status;
  private final String code;
  private final List<ErrorResponse.Detail> details;

  public ApiException(int status, String code, String message, List<ErrorResponse.Detail> details) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = List.copyOf(details);
  }

  public ApiException(int status, String code, String message) {
    this(status, code, message, List.of());
  }

  public static ApiException badRequest(String message) {
    return new ApiException(400, "bad_request", message);
  }

  /** A 400 about one field of the request, which {@code details} names so that a client can point at it. */
  public static ApiException badRequest(String field, String message) {
    return new ApiException(
        400, "bad_request", message, List.of(new ErrorResponse.Detail(field, message)));
  }

  public static ApiException notFound(String message) {
    return new ApiException(404, "not_found", message);
  }

  public static ApiException unauthorized(String message) {
    return new ApiException(401, "unauthorized", message);
  }

  public static ApiException forbidden(String message) {
    return new ApiException(403, "forbidden", message);
  }

  public ErrorResponse toResponse() {
    return new ErrorResponse(status, code, getMessage(), details);
  }

  public int status() {
    return status;
  }
}
