package dev.appmetrics.ingest.body;

import dev.appmetrics.common.error.ApiException;
import dev.appmetrics.ingest.config.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * Request bodies as SDKs send them: plain, gzip or deflate (zlib-wrapped or raw, both exist in the wild), read as a
 * stream so a reader takes only what it needs (an envelope's first line before its key is verified, items up to the
 * cap) and the whole decompressed body is never held. The decompressed size is bounded too, so a small compressed
 * bomb is refused with 413 instead of filling memory; no buffer is sized from a number the sender wrote (such as the
 * uncompressed size in gzip's trailer).
 */
@ApplicationScoped
public class RequestBodies {

  private static final int CHUNK = 64 * 1024;

  private final int maxBytes;

  public RequestBodies(IngestConfig config) {
    this.maxBytes = config.limits().maxBodyBytes();
  }

  /** The decompressed body; may be opened again to read it twice. */
  public DecodedBody open(byte[] body, String contentEncoding) {
    byte[] bytes = body == null ? new byte[0] : body;
    if (bytes.length > maxBytes) {
      throw DecodedBody.tooLarge(maxBytes);
    }
    String encoding =
        contentEncoding == null ? "identity" : contentEncoding.strip().toLowerCase(Locale.ROOT);
    InputStream raw = new ByteArrayInputStream(bytes);
    try {
      return switch (encoding) {
        case "", "identity" -> new DecodedBody(raw, "identity", maxBytes);
        case "gzip", "x-gzip" -> new DecodedBody(new GZIPInputStream(raw, CHUNK), "gzip", maxBytes);
        case "deflate" ->
            new DecodedBody(
                isZlib(bytes)
                    ? new InflaterInputStream(raw)
                    : new InflaterInputStream(raw, new Inflater(true)),
                "deflate",
                maxBytes);
        default ->
            throw new ApiException(
                415,
                "unsupported_encoding",
                "Content-Encoding '"
                    + contentEncoding
                    + "' is not supported; use gzip, deflate or none");
      };
    } catch (IOException e) {
      // Only GZIPInputStream's constructor reads (the header): a body that is not gzip at all.
      throw DecodedBody.corrupt("gzip", e);
    }
  }

  /** A zlib stream starts with a header whose first two bytes, read big-endian, are a multiple of 31. */
  private static boolean isZlib(byte[] body) {
    return body.length >= 2
        && (body[0] & 0x0F) == 8
        && (((body[0] & 0xFF) << 8) | (body[1] & 0xFF)) % 31 == 0;
  }
}
