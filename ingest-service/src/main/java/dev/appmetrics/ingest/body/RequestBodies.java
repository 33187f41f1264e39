package dev.appmetrics.ingest.body;

import dev.appmetrics.common.error.ApiException;
import dev.appmetrics.ingest.config.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * Request bodies as SDKs send them: plain, gzip or deflate (zlib-wrapped or raw, both exist in the wild). The
 * decompressed size is bounded too, so a small compressed bomb is refused with 413 instead of filling memory.
 */
@ApplicationScoped
public class RequestBodies {

  private final int maxBytes;

  public RequestBodies(IngestConfig config) {
    this.maxBytes = config.limits().maxBodyBytes();
  }

  public byte[] decode(byte[] body, String contentEncoding) {
    if (body.length > maxBytes) {
      throw tooLarge();
    }
    String encoding = contentEncoding == null ? "identity" : contentEncoding.strip().toLowerCase(Locale.ROOT);
    return switch (encoding) {
      case "", "identity" -> body;
      case "gzip", "x-gzip" -> inflate(() -> new GZIPInputStream(new ByteArrayInputStream(body), 64 * 1024), "gzip",
          gzipSizeHint(body));
      case "deflate" -> isZlib(body)
          ? inflate(() -> new InflaterInputStream(new ByteArrayInputStream(body)), "deflate", body.length * 8L)
          : inflate(() -> new InflaterInputStream(new ByteArrayInputStream(body), new Inflater(true)), "deflate",
              body.length * 8L);
      default -> throw new ApiException(415, "unsupported_encoding",
          "Content-Encoding '" + contentEncoding + "' is not supported; use gzip, deflate or none");
    };
  }

  /** A zlib stream starts with a header whose first two bytes, read big-endian, are a multiple of 31. */
  private static boolean isZlib(byte[] body) {
    return body.length >= 2 && (body[0] & 0x0F) == 8 && (((body[0] & 0xFF) << 8) | (body[1] & 0xFF)) % 31 == 0;
  }

  private interface StreamOpener {
    InputStream open() throws IOException;
  }

  /** A gzip member ends with its uncompressed size modulo 2^32: a good first guess for the buffer, never trusted. */
  private static long gzipSizeHint(byte[] body) {
    if (body.length < 18) {
      return 0;
    }
    int end = body.length;
    return (body[end - 4] & 0xFFL) | (body[end - 3] & 0xFFL) << 8 | (body[end - 2] & 0xFFL) << 16 | (body[end - 1] & 0xFFL) << 24;
  }

  private byte[] inflate(StreamOpener opener, String encoding, long sizeHint) {
    try (InputStream in = opener.open()) {
      // Sized up front (bounded by the limit), so a 60 KB envelope is not copied through a dozen growing arrays.
      ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.max(1024, Math.min(sizeHint, maxBytes + 1L)));
      byte[] buffer = new byte[64 * 1024];
      int read;
      while ((read = in.read(buffer)) >= 0) {
        out.write(buffer, 0, read);
        if (out.size() > maxBytes) {
          throw tooLarge();
        }
      }
      return out.toByteArray();
    } catch (ZipException e) {
      throw new ApiException(400, "malformed_body", "The " + encoding + " body is corrupt: " + e.getMessage());
    } catch (IOException e) {
      throw new ApiException(400, "malformed_body", "The " + encoding + " body is truncated or corrupt: " + e.getMessage());
    }
  }

  private ApiException tooLarge() {
    return new ApiException(413, "body_too_large", "The body is larger than " + maxBytes + " bytes (after decompression)");
  }
}
