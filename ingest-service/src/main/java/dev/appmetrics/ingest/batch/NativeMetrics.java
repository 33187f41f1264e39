package dev.appmetrics.ingest.batch;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.appmetrics.common.error.ApiException;
import dev.appmetrics.common.error.ErrorResponse;
import dev.appmetrics.ingest.body.JsonArrayField;
import dev.appmetrics.ingest.event.Attributes;
import dev.appmetrics.ingest.event.EventRules;
import dev.appmetrics.ingest.event.IncomingMetric;
import dev.appmetrics.ingest.event.TypedAttributes;
import dev.appmetrics.ingest.pipeline.ItemBudget;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Reads the native batch {@code {"metrics": [{name, kind, value, unit, timestamp, trace_id, span_id,
 * client_sample_rate, attributes}]}} token by token from the body, charging each metric to the request's budget as
 * it is read; the timestamp is epoch seconds (fractions allowed) or ISO-8601 text. A field of the wrong JSON type
 * rejects its metric with a reason naming the field.
 */
final class NativeMetrics {

  private NativeMetrics() {}

  static List<IncomingMetric> read(JsonParser parser, ItemBudget budget) throws IOException {
    List<IncomingMetric> metrics =
        JsonArrayField.read(parser, "metrics", budget, NativeMetrics::metric);
    if (metrics == null) {
      throw new ApiException(
          400,
          "bad_request",
          "The body must be {\"metrics\": [...]}",
          List.of(new ErrorResponse.Detail("metrics", "must be an array of metrics")));
    }
    return metrics;
  }

  /** The metric the parser is on; leaves the parser on its last token. */
  private static IncomingMetric metric(JsonParser parser) throws IOException {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return IncomingMetric.unreadable("the metric is not a JSON object");
    }
    Fields fields = new Fields();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      fields.read(field, parser);
    }
    return fields.metric();
  }

  /** The fields of one metric as they are read; the first field of a wrong type is the metric's reason. */
  private static final class Fields {

    private String name;
    private String kind;
    private String unit;
    private String traceId;
    private String spanId;
    private Double value;
    private Long timestamp;
    private Double sampleRate;
    private Attributes attributes = Attributes.EMPTY;
    private String problem;

    void read(String field, JsonParser parser) throws IOException {
      switch (field) {
        case "name" -> name = text(field, parser);
        case "kind" -> kind = text(field, parser);
        case "unit" -> unit = text(field, parser);
        case "trace_id" -> traceId = text(field, parser);
        case "span_id" -> spanId = text(field, parser);
        case "value" ->
            value =
                parser.currentToken().isNumeric()
                    ? Double.valueOf(parser.getDoubleValue())
                    : skip(parser);
        case "timestamp" -> timestamp = timestamp(parser);
        case "client_sample_rate" -> sampleRate = number(field, parser);
        case "attributes" -> {
          try {
            attributes = TypedAttributes.read(parser);
          } catch (TypedAttributes.UnreadableAttribute e) {
            refuse(e.getMessage());
          }
        }
        default -> parser.skipChildren();
      }
    }

    IncomingMetric metric() {
      return problem != null
          ? IncomingMetric.unreadable(problem)
          : new IncomingMetric(
              name, kind, value, unit, timestamp, traceId, spanId, sampleRate, attributes);
    }

    private String text(String field, JsonParser parser) throws IOException {
      JsonToken token = parser.currentToken();
      if (token == JsonToken.VALUE_STRING) {
        return parser.getText();
      }
      if (token != JsonToken.VALUE_NULL) {
        refuse(field + " must be a string, not " + what(parser));
      }
      return null;
    }

    private Double number(String field, JsonParser parser) throws IOException {
      JsonToken token = parser.currentToken();
      if (token.isNumeric()) {
        return parser.getDoubleValue();
      }
      if (token != JsonToken.VALUE_NULL) {
        refuse(field + " must be a number, not " + what(parser));
      }
      return null;
    }

    private Long timestamp(JsonParser parser) throws IOException {
      JsonToken token = parser.currentToken();
      if (token.isNumeric()) {
        Long millis = EventRules.secondsToMillis(parser.getDoubleValue());
        if (millis == null) {
          refuse("timestamp must be a finite number");
        }
        return millis;
      }
      if (token == JsonToken.VALUE_STRING) {
        try {
          return EventRules.epochMillis(Instant.parse(parser.getText()));
        } catch (DateTimeParseException e) {
          refuse("timestamp must be epoch seconds or ISO-8601, not \"" + parser.getText() + "\"");
          return null;
        }
      }
      if (token != JsonToken.VALUE_NULL) {
        refuse("timestamp must be epoch seconds or ISO-8601, not " + what(parser));
      }
      return null;
    }

    private void refuse(String reason) {
      problem = problem == null ? reason : problem;
    }

    /** The JSON type of the value the parser is on, for reasons; skips it. */
    private static String what(JsonParser parser) throws IOException {
      String what =
          switch (parser.currentToken()) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_STRING -> "a string";
            default -> "a number";
          };
      parser.skipChildren();
      return what;
    }

    private static <T> T skip(JsonParser parser) throws IOException {
      parser.skipChildren();
      return null;
    }
  }
}
