package dev.appmetrics.common.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A request body Jackson cannot read, in the request's own terms: a value of the wrong type names its field
 * ({@code 'queries[0].limit' must be an integer}, {@code 'direction' must be one of 'above', 'below', 'both'}) where
 * Quarkus answers 400 with an empty body, and a broken or oversized document says where and what without Jackson's
 * class and setting names ({@code StreamReadConstraints.getMaxNestingDepth()}).
 */
final class JsonBodyErrors {

  /** Jackson's pointers to its own settings and to the source, which say nothing to a client. */
  private static final Pattern INTERNALS =
      Pattern.compile(
          ", from `[^`]*`|\\s*\\(start marker at \\[Source:[^]]*]\\)|\\s*\\[Source:[^]]*]");

  private static final Set<Class<?>> INTEGERS =
      Set.of(
          Integer.class,
          int.class,
          Long.class,
          long.class,
          Short.class,
          short.class,
          Byte.class,
          byte.class,
          BigInteger.class);
  private static final Set<Class<?>> NUMBERS =
      Set.of(Double.class, double.class, Float.class, float.class, BigDecimal.class, Number.class);

  /** Writes an enum constant the way the services' mapper does: its {@code @JsonProperty} or {@code @JsonValue}. */
  private static final ObjectMapper WIRE_NAMES = new ObjectMapper();

  private JsonBodyErrors() {}

  static ErrorResponse describe(JsonProcessingException e) {
    if (e instanceof JsonMappingException mapping
        && mapping.getCause() instanceof JsonProcessingException broken
        && !(broken instanceof InputCoercionException)) {
      return describe(broken);
    }
    if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      String field = field(mapping.getPath());
      String reason =
          mapping instanceof MismatchedInputException mismatch
              ? "must be " + expected(mismatch.getTargetType())
              : mapping.getCause() instanceof InputCoercionException coercion
                  ? "is out of range for " + expected(coercion.getTargetType())
                  : "is not valid";
      return new ErrorResponse(
          400,
          "bad_request",
          "'" + field + "' " + reason,
          List.of(new ErrorResponse.Detail(field, reason)));
    }
    if (e instanceof MismatchedInputException) {
      return ErrorResponse.of(400, "bad_request", "The request body must be a JSON object");
    }
    String where =
        e.getLocation() == null
            ? ""
            : " at line "
                + e.getLocation().getLineNr()
                + ", column "
                + e.getLocation().getColumnNr();
    return ErrorResponse.of(
        400, "malformed_json", "Malformed JSON" + where + ": " + clean(e.getOriginalMessage()));
  }

  /** {@code queries[0].limit} from Jackson's path of references. */
  static String field(List<JsonMappingException.Reference> path) {
    StringBuilder field = new StringBuilder();
    for (JsonMappingException.Reference step : path) {
      if (step.getFieldName() != null) {
        field.append(field.isEmpty() ? "" : ".").append(step.getFieldName());
      } else if (step.getIndex() >= 0) {
        field.append('[').append(step.getIndex()).append(']');
      }
    }
    return field.toString();
  }

  /** What a value of the type looks like in JSON; an enum lists its values, records and maps are objects. */
  static String expected(Class<?> type) {
    if (type == null) {
      return "of another type";
    }
    if (type.isEnum()) {
      return "one of "
          + Arrays.stream(type.getEnumConstants())
              .map(constant -> "'" + WIRE_NAMES.convertValue(constant, String.class) + "'")
              .collect(Collectors.joining(", "));
    }
    if (type == String.class || type == Character.class || type == char.class) {
      return "a string";
    }
    if (INTEGERS.contains(type)) {
      return "an integer";
    }
    if (NUMBERS.contains(type)) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "an array";
    }
    return "an object";
  }

  static String clean(String message) {
    return message == null ? "" : INTERNALS.matcher(message).replaceAll("").strip();
  }
}
