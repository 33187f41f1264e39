package dev.appmetrics.query.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.appmetrics.common.error.ErrorMappers;
import dev.appmetrics.common.error.ErrorResponse;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A request body Jackson cannot read, in the common error shape and in the request's own terms: a value of the wrong
 * type names its field ({@code 'queries[0].limit' must be an integer}) where Quarkus answered 400 with an empty body,
 * and a broken or oversized document says where and what without Jackson's class and setting names
 * ({@code StreamReadConstraints.getMaxNestingDepth()}) that common's mapper passes on.
 */
public class JsonBodyErrors {

  /** Jackson's pointers to its own settings and to the source, which say nothing to a client. */
  private static final Pattern INTERNALS =
      Pattern.compile(", from `[^`]*`|\\s*\\(start marker at \\[Source:[^]]*]\\)|\\s*\\[Source:[^]]*]");
  private static final Set<Class<?>> INTEGERS = Set.of(Integer.class, int.class, Long.class, long.class,
      Short.class, short.class, Byte.class, byte.class, BigInteger.class);
  private static final Set<Class<?>> NUMBERS = Set.of(Double.class, double.class, Float.class, float.class,
      BigDecimal.class, Number.class);

  private final ErrorMappers common = new ErrorMappers();

  /** Ahead of Quarkus's own mapper (priority 5100), which answers an empty 400 outside dev mode. */
  @ServerExceptionMapper
  public Response mismatchedInput(MismatchedInputException e) {
    return describe(e);
  }

  /** Quarkus wraps the other Jackson failures of a body in a 400; common's mapper for it stays for the rest. */
  @ServerExceptionMapper(priority = Priorities.USER - 1)
  public Response webApplication(WebApplicationException e) {
    return e.getCause() instanceof JsonProcessingException json ? describe(json) : common.webApplication(e);
  }

  static Response describe(JsonProcessingException e) {
    if (e instanceof JsonMappingException mapping && mapping.getCause() instanceof JsonProcessingException broken
        && !(broken instanceof InputCoercionException)) {
      return describe(broken);
    }
    if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      String field = field(mapping.getPath());
      String reason = mapping instanceof MismatchedInputException mismatch
          ? "must be " + expected(mismatch.getTargetType())
          : mapping.getCause() instanceof InputCoercionException coercion
              ? "is out of range for " + expected(coercion.getTargetType())
              : "is not valid";
      return json(400, "bad_request", "'" + field + "' " + reason, field, reason);
    }
    if (e instanceof MismatchedInputException) {
      return json(400, "bad_request", "The request body must be a JSON object", null, null);
    }
    String where = e.getLocation() == null
        ? ""
        : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    return json(400, "malformed_json", "Malformed JSON" + where + ": " + clean(e.getOriginalMessage()), null, null);
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

  /** What a value of the type looks like in JSON; records and maps are objects. */
  static String expected(Class<?> type) {
    if (type == null) {
      return "of another type";
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

  private static Response json(int status, String code, String message, String field, String reason) {
    List<ErrorResponse.Detail> details = field == null ? List.of() : List.of(new ErrorResponse.Detail(field, reason));
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
        .entity(new ErrorResponse(status, code, message, details)).build();
  }
}
