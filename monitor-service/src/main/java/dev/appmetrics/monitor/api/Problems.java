package dev.appmetrics.monitor.api;

import dev.appmetrics.common.error.ApiException;
import dev.appmetrics.common.error.ErrorResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Every problem of one request body, so a 400 names each bad field in {@code details} rather than only the first.
 * Its message is the reasons joined, each starting with its field.
 */
public final class Problems {

  private final List<ErrorResponse.Detail> details = new ArrayList<>();

  public void add(String field, String reason) {
    details.add(new ErrorResponse.Detail(field, reason));
  }

  /**
   * Runs a check that answers with a 4xx {@link ApiException} (a duration parser, a shared rule) and records its
   * details, or its message under {@code field} when it has none; null when the check failed.
   */
  public <T> T check(String field, Supplier<T> check) {
    try {
      return check.get();
    } catch (ApiException e) {
      if (e.status() >= 500) {
        throw e;
      }
      List<ErrorResponse.Detail> given = e.toResponse().details();
      if (given.isEmpty()) {
        add(field, e.getMessage());
      } else {
        details.addAll(given);
      }
      return null;
    }
  }

  public List<ErrorResponse.Detail> details() {
    return List.copyOf(details);
  }

  public boolean isEmpty() {
    return details.isEmpty();
  }

  /** A 400 listing every problem, if there is one. */
  public void throwIfAny() {
    if (!details.isEmpty()) {
      throw new ApiException(
          400,
          "bad_request",
          details.stream().map(ErrorResponse.Detail::reason).collect(Collectors.joining("; ")),
          details);
    }
  }

  /** Runs a validation that collects problems and answers its result, or the 400 listing them. */
  public static <T> T require(Function<Problems, T> validation) {
    Problems problems = new Problems();
    T result = validation.apply(problems);
    problems.throwIfAny();
    return result;
  }

  /** One problem as a 400 at once, for checks that end a request by themselves. */
  public static ApiException of(String field, String reason) {
    return new ApiException(
        400, "bad_request", reason, List.of(new ErrorResponse.Detail(field, reason)));
  }
}
