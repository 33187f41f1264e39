package dev.appmetrics.ingest.otlp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.appmetrics.common.error.ApiException;
import dev.appmetrics.common.error.ErrorResponse;
import dev.appmetrics.ingest.body.JsonErrors;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * OTLP/JSON: protobuf's JSON mapping, except that trace and span ids are hex rather than base64. A body that does
 * not fit the message is answered 400 with the path of the first field whose JSON type is wrong, since protobuf's
 * own message names no path ("Not an int64 value: …").
 */
final class OtlpJson {

  private static final Set<String> HEX_IDS =
      Set.of("traceId", "spanId", "parentSpanId", "trace_id", "span_id", "parent_span_id");
  private static final BigInteger UNSIGNED_64 = BigInteger.ONE.shiftLeft(64);

  private final ObjectMapper json;

  OtlpJson(ObjectMapper json) {
    this.json = json;
  }

  /** A field of the body and what is wrong with it. */
  private record Mismatch(String field, String reason) {}

  <B extends Message.Builder> B merge(InputStream body, B builder) {
    Descriptor type = builder.getDescriptorForType();
    JsonNode tree;
    try {
      tree = json.readTree(body);
    } catch (IOException e) {
      throw malformed(type, JsonErrors.describe(e), null);
    }
    if (tree == null || !tree.isObject()) {
      throw ApiException.badRequest("The body must be an OTLP/JSON " + type.getName() + " object");
    }
    Optional<Mismatch> notHex = hexIdsToBase64(tree, new ArrayDeque<>());
    if (notHex.isPresent()) {
      throw malformed(type, "", notHex.get());
    }
    try {
      JsonFormat.parser().ignoringUnknownFields().merge(tree.toString(), builder);
      return builder;
    } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
      throw malformed(type, e.getMessage(), mismatch(tree, type, "").orElse(null));
    }
  }

  private static ApiException malformed(Descriptor type, String reason, Mismatch mismatch) {
    return new ApiException(
        400,
        "malformed_json",
        "The body is not an OTLP/JSON "
            + type.getName()
            + ": "
            + (mismatch == null ? reason : mismatch.field() + " " + mismatch.reason()),
        mismatch == null
            ? List.of()
            : List.of(new ErrorResponse.Detail(mismatch.field(), mismatch.reason())));
  }

  /** Rewrites hex ids as protobuf's base64; the path of the first id that is not hex, if any. */
  private static Optional<Mismatch> hexIdsToBase64(JsonNode node, Deque<String> path) {
    if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      for (String field : HEX_IDS) {
        if (object.path(field).isTextual()) {
          try {
            object.put(
                field,
                Base64.getEncoder()
                    .encodeToString(HexFormat.of().parseHex(object.get(field).asText())));
          } catch (IllegalArgumentException e) {
            path.addLast("." + field);
            return Optional.of(
                new Mismatch(String.join("", path).substring(1), "must be hexadecimal"));
          }
        }
      }
    }
    for (Map.Entry<String, JsonNode> child : node.properties()) {
      path.addLast("." + child.getKey());
      Optional<Mismatch> found = hexIdsToBase64(child.getValue(), path);
      path.removeLast();
      if (found.isPresent()) {
        return found;
      }
    }
    for (int i = 0; node.isArray() && i < node.size(); i++) {
      path.addLast("[" + i + "]");
      Optional<Mismatch> found = hexIdsToBase64(node.get(i), path);
      path.removeLast();
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  /** The first field of {@code node} whose JSON type protobuf cannot read as the field's type. */
  private static Optional<Mismatch> mismatch(JsonNode node, Descriptor type, String path) {
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      FieldDescriptor field = field(type, entry.getKey());
      JsonNode value = entry.getValue();
      if (field == null || value.isNull()) {
        continue;
      }
      String at = path.isEmpty() ? entry.getKey() : path + "." + entry.getKey();
      if (field.isRepeated() && !value.isArray()) {
        return Optional.of(new Mismatch(at, "must be an array"));
      }
      for (int i = 0; i < (field.isRepeated() ? value.size() : 1); i++) {
        Optional<Mismatch> found =
            field.isRepeated()
                ? single(field, value.get(i), at + "[" + i + "]")
                : single(field, value, at);
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<Mismatch> single(FieldDescriptor field, JsonNode value, String at) {
    return switch (field.getJavaType()) {
      case MESSAGE ->
          value.isObject()
              ? mismatch(value, field.getMessageType(), at)
              : Optional.of(new Mismatch(at, "must be an object"));
      case INT, LONG ->
          integer(value, field.getType())
              ? Optional.empty()
              : Optional.of(new Mismatch(at, "must be " + describe(field.getType())));
      case FLOAT, DOUBLE ->
          value.isNumber() || value.isTextual() && isDouble(value.asText())
              ? Optional.empty()
              : Optional.of(new Mismatch(at, "must be a number"));
      case BOOLEAN ->
          value.isBoolean() || value.isTextual() && Set.of("true", "false").contains(value.asText())
              ? Optional.empty()
              : Optional.of(new Mismatch(at, "must be true or false"));
      case ENUM ->
          value.isTextual() || value.isIntegralNumber()
              ? Optional.empty()
              : Optional.of(new Mismatch(at, "must be an enum name or number"));
      case BYTE_STRING ->
          value.isTextual() ? Optional.empty() : Optional.of(new Mismatch(at, "must be a string"));
      case STRING ->
          value.isValueNode()
              ? Optional.empty()
              : Optional.of(new Mismatch(at, "must be a string"));
    };
  }

  private static FieldDescriptor field(Descriptor type, String name) {
    FieldDescriptor field = type.findFieldByName(name);
    return field != null
        ? field
        : type.getFields().stream()
            .filter(f -> f.getJsonName().equals(name))
            .findFirst()
            .orElse(null);
  }

  /** Protobuf reads integers from JSON numbers or strings, within the range of the field's type. */
  private static boolean integer(JsonNode value, FieldDescriptor.Type type) {
    BigInteger number;
    try {
      BigDecimal decimal =
          value.isNumber()
              ? value.decimalValue()
              : value.isTextual() ? new BigDecimal(value.asText()) : null;
      number = decimal == null ? null : decimal.toBigIntegerExact();
    } catch (ArithmeticException | NumberFormatException e) {
      return false;
    }
    if (number == null) {
      return false;
    }
    return switch (type) {
      case UINT64, FIXED64 -> number.signum() >= 0 && number.compareTo(UNSIGNED_64) < 0;
      case UINT32, FIXED32 -> number.signum() >= 0 && number.bitLength() <= 32;
      case INT32, SINT32, SFIXED32 -> number.bitLength() <= 31;
      default -> number.bitLength() <= 63;
    };
  }

  private static String describe(FieldDescriptor.Type type) {
    return switch (type) {
      case UINT64, FIXED64 -> "an unsigned 64-bit integer";
      case UINT32, FIXED32 -> "an unsigned 32-bit integer";
      case INT32, SINT32, SFIXED32 -> "a 32-bit integer";
      default -> "a 64-bit integer";
    };
  }

  private static boolean isDouble(String text) {
    try {
      Double.parseDouble(text);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
