package dev.appmetrics.ingest.otlp;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.WireFormat;
import dev.appmetrics.ingest.pipeline.ItemBudget;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

/**
 * Counts the items of an OTLP body (data points, spans, log records) before any message is built, charging each to
 * the request's budget: 10 MiB of empty data points would otherwise become five million objects before the cap was
 * checked. Protobuf is walked on the wire, descending only into the fields that lead to items; JSON is streamed.
 */
final class OtlpItems {

  /** The messages between a request and its items, by their protobuf names. */
  private static final Set<String> CONTAINERS =
      Set.of(
          "resource_metrics",
          "scope_metrics",
          "metrics",
          "gauge",
          "sum",
          "histogram",
          "exponential_histogram",
          "summary",
          "resource_spans",
          "scope_spans",
          "resource_logs",
          "scope_logs");

  private static final Set<String> ITEMS = Set.of("data_points", "spans", "log_records");

  /** OTLP/JSON may spell a field in lowerCamelCase or as in the .proto. */
  private static final Set<String> JSON_ITEMS =
      Set.of("dataPoints", "data_points", "spans", "logRecords", "log_records");

  private OtlpItems() {}

  static void countProtobuf(InputStream body, Descriptor request, ItemBudget budget)
      throws IOException {
    walk(CodedInputStream.newInstance(body), request, budget);
  }

  private static void walk(CodedInputStream in, Descriptor type, ItemBudget budget)
      throws IOException {
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      FieldDescriptor field = type.findFieldByNumber(WireFormat.getTagFieldNumber(tag));
      boolean message =
          field != null
              && field.getJavaType() == FieldDescriptor.JavaType.MESSAGE
              && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED;
      if (message && CONTAINERS.contains(field.getName())) {
        int outer = in.pushLimit(in.readRawVarint32());
        walk(in, field.getMessageType(), budget);
        in.popLimit(outer);
      } else {
        if (message && ITEMS.contains(field.getName())) {
          budget.take();
        }
        in.skipField(tag);
      }
    }
  }

  static void countJson(InputStream body, ObjectMapper json, ItemBudget budget) throws IOException {
    try (JsonParser parser = json.createParser(body)) {
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        if (token == JsonToken.FIELD_NAME
            && JSON_ITEMS.contains(parser.currentName())
            && parser.nextToken() == JsonToken.START_ARRAY) {
          while (parser.nextToken() != JsonToken.END_ARRAY) {
            budget.take();
            parser.skipChildren();
          }
        }
      }
    }
  }
}
