package dev.appmetrics.ingest.otlp;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Message;
import dev.appmetrics.common.error.ApiException;
import dev.appmetrics.ingest.body.DecodedBody;
import dev.appmetrics.ingest.body.IngestJson;
import dev.appmetrics.ingest.body.JsonErrors;
import dev.appmetrics.ingest.body.RequestBodies;
import dev.appmetrics.ingest.pipeline.Ingestion;
import dev.appmetrics.ingest.pipeline.ItemBudget;
import dev.appmetrics.ingest.pipeline.Protocol;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;

/**
 * Reads an OTLP/HTTP body into its request message, from protobuf or from OTLP/JSON, after a first pass over the body
 * counted its items without building any message (413 past the cap). Both passes decompress as they read: the whole
 * decompressed body is never held. A body that is not the message is a 400 naming it.
 */
@ApplicationScoped
class OtlpDecoder {

  private final RequestBodies bodies;
  private final IngestJson json;
  private final OtlpJson otlpJson;
  private final Ingestion ingestion;

  OtlpDecoder(RequestBodies bodies, IngestJson json, Ingestion ingestion) {
    this.bodies = bodies;
    this.json = json;
    this.otlpJson = new OtlpJson(json.mapper());
    this.ingestion = ingestion;
  }

  <B extends Message.Builder> B decode(
      byte[] body, String contentEncoding, OtlpEncoding encoding, B builder) {
    boolean protobuf = encoding == OtlpEncoding.PROTOBUF;
    Descriptor type = builder.getDescriptorForType();
    try (DecodedBody counted = bodies.open(body, contentEncoding)) {
      ItemBudget budget = ingestion.budget(Protocol.OTLP);
      if (protobuf) {
        OtlpItems.countProtobuf(counted, type, budget);
      } else {
        OtlpItems.countJson(counted, json.mapper(), budget);
      }
    } catch (IOException e) {
      throw malformed(type, protobuf, e);
    }
    try (DecodedBody parsed = bodies.open(body, contentEncoding)) {
      if (!protobuf) {
        return otlpJson.merge(parsed, builder);
      }
      builder.mergeFrom(parsed);
      return builder;
    } catch (IOException e) {
      throw malformed(type, true, e);
    }
  }

  private static ApiException malformed(Descriptor type, boolean protobuf, IOException e) {
    return protobuf
        ? new ApiException(
            400,
            "malformed_protobuf",
            "The body is not an OTLP " + type.getName() + ": " + e.getMessage())
        : new ApiException(
            400,
            "malformed_json",
            "The body is not an OTLP/JSON " + type.getName() + ": " + JsonErrors.describe(e));
  }
}
