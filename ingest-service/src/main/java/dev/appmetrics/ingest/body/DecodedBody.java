package dev.appmetrics.ingest.body;

import dev.appmetrics.common.error.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipException;

/**
 * A request body as it is decompressed: it counts what it produced and answers 413 past the limit, reports corrupt or
 * truncated compressed data as 400 (both as an {@link ApiException} out of {@code read}), and closes without a
 * checked exception, so a reader needs nothing but try-with-resources.
 */
public final class DecodedBody extends InputStream {

  private final InputStream in;
  private final String encoding;
  private final int maxBytes;
  private long produced;

  DecodedBody(InputStream in, String encoding, int maxBytes) {
    this.in = in;
    this.encoding = encoding;
    this.maxBytes = maxBytes;
  }

  @Override
  public int read() {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) {
    int read;
    try {
      read = in.read(buffer, offset, length);
    } catch (IOException e) {
      throw corrupt(encoding, e);
    }
    produced += Math.max(0, read);
    if (produced > maxBytes) {
      throw tooLarge(maxBytes);
    }
    return read;
  }

  /** Ends the inflater now instead of when it is collected; closing an in-memory stream cannot fail. */
  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      throw corrupt(encoding, e);
    }
  }

  static ApiException tooLarge(int maxBytes) {
    return new ApiException(
        413,
        "body_too_large",
        "The body is larger than " + maxBytes + " bytes (after decompression)");
  }

  static ApiException corrupt(String encoding, IOException e) {
    return new ApiException(
        400,
        "malformed_body",
        e instanceof ZipException
            ? "The " + encoding + " body is corrupt: " + e.getMessage()
            : "The " + encoding + " body is truncated or corrupt: " + e.getMessage());
  }
}
