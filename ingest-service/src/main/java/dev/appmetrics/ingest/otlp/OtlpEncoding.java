package dev.appmetrics.ingest.otlp;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.appmetrics.common.error.ApiException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;

/** OTLP/HTTP's two encodings: the request's Content-Type picks one, and the answer is written in it. */
enum OtlpEncoding {
  PROTOBUF,
  JSON;

  private static final String PROTOBUF_TYPE = "application/x-protobuf";

  /** The encoding of the Content-Type, its parameters ignored; 415 for any other type. */
  static OtlpEncoding of(String contentType) {
    String type =
        contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    if (type.equals(PROTOBUF_TYPE) || type.equals("application/protobuf")) {
      return PROTOBUF;
    }
    if (type.equals(MediaType.APPLICATION_JSON)) {
      return JSON;
    }
    throw new ApiException(
        415, "unsupported_media_type", "OTLP/HTTP is application/x-protobuf or application/json");
  }

  Response answer(Message response) {
    if (this == PROTOBUF) {
      return Response.ok(response.toByteArray(), PROTOBUF_TYPE).build();
    }
    try {
      return Response.ok(JsonFormat.printer().print(response), MediaType.APPLICATION_JSON).build();
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
  }
}
