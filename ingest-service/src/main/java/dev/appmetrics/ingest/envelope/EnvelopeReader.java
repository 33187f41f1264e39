package dev.appmetrics.ingest.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appmetrics.common.error.ApiException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Reads an envelope from its decompressed stream, one piece at a time: the header, a JSON line, then the items,
 * each a JSON header line followed by a payload that is either {@code length} bytes (when the item header says so, as
 * the Java SDK does) or the rest of the line. Nothing is read ahead of the piece asked for, so the envelope header
 * (which may carry the DSN key) comes from a bounded prefix before any item is read, and only one payload is held.
 */
final class EnvelopeReader {

  /** Longest header line, of the envelope or of an item; SDKs write a few hundred bytes. */
  static final int MAX_HEADER_BYTES = 64 * 1024;

  private static final int CHUNK = 16 * 1024;

  private final ObjectMapper json;
  private final InputStream in;
  private final byte[] buffer = new byte[CHUNK];
  private int position;
  private int limit;
  private int items;

  EnvelopeReader(ObjectMapper json, InputStream in) {
    this.json = json;
    this.in = in;
  }

  /** The envelope header; read first. */
  JsonNode header() {
    byte[] line = line(MAX_HEADER_BYTES, "the envelope header");
    if (line == null) {
      throw malformed("the envelope is empty");
    }
    return object(line, "the envelope header");
  }

  /** The next item, or null after the last one; blank lines between items are skipped. */
  EnvelopeItem next() {
    String what = "the header of item " + items;
    byte[] headerLine;
    do {
      headerLine = line(MAX_HEADER_BYTES, what);
      if (headerLine == null) {
        return null;
      }
    } while (isBlank(headerLine));
    JsonNode header = object(headerLine, what);
    byte[] payload =
        header.hasNonNull("length")
            ? exactly(length(header))
            : line(Integer.MAX_VALUE, "a payload");
    items++;
    return new EnvelopeItem(header, payload == null ? new byte[0] : payload);
  }

  /** A declared length is a byte count; how many bytes really follow is only known by reading them. */
  private long length(JsonNode header) {
    JsonNode length = header.get("length");
    if (!length.isIntegralNumber() || !length.canConvertToLong() || length.asLong() < 0) {
      throw malformed(
          "item " + items + " declares length " + length + ", which is not a number of bytes");
    }
    return length.asLong();
  }

  /** The next {@code length} bytes and the newline after them; grown as they arrive, never sized from the header. */
  private byte[] exactly(long length) {
    ByteArrayOutputStream payload = new ByteArrayOutputStream((int) Math.min(length, CHUNK));
    long missing = length;
    while (missing > 0 && (position < limit || fill())) {
      int take = (int) Math.min(missing, limit - position);
      payload.write(buffer, position, take);
      position += take;
      missing -= take;
    }
    if (missing > 0) {
      throw malformed(
          "item "
              + items
              + " declares length "
              + length
              + " but only "
              + payload.size()
              + " bytes follow");
    }
    if ((position < limit || fill()) && buffer[position] == '\n') {
      position++;
    }
    return payload.toByteArray();
  }

  /** The bytes up to the next newline (excluded) or the end of the body; null at the end. */
  private byte[] line(int max, String what) {
    ByteArrayOutputStream longLine = null;
    while (position < limit || fill()) {
      int end = position;
      while (end < limit && buffer[end] != '\n') {
        end++;
      }
      int length = end - position + (longLine == null ? 0 : longLine.size());
      if (length > max) {
        throw malformed(what + " is longer than " + max + " bytes");
      }
      if (end < limit && longLine == null) {
        byte[] line = Arrays.copyOfRange(buffer, position, end);
        position = end + 1;
        return line;
      }
      longLine = longLine == null ? new ByteArrayOutputStream() : longLine;
      longLine.write(buffer, position, end - position);
      position = Math.min(end + 1, limit);
      if (end < limit) {
        return longLine.toByteArray();
      }
    }
    return longLine == null ? null : longLine.toByteArray();
  }

  private boolean fill() {
    try {
      int read;
      do {
        read = in.read(buffer, 0, buffer.length);
      } while (read == 0);
      position = 0;
      limit = Math.max(read, 0);
      return read > 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private JsonNode object(byte[] line, String what) {
    try {
      JsonNode node = json.readTree(line);
      if (node == null || !node.isObject()) {
        throw malformed(what + " is not a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw malformed(what + " is not valid JSON");
    }
  }

  private static boolean isBlank(byte[] line) {
    for (byte b : line) {
      if (b != ' ' && b != '\r' && b != '\t') {
        return false;
      }
    }
    return true;
  }

  private static ApiException malformed(String reason) {
    return new ApiException(400, "malformed_envelope", "Malformed envelope: " + reason);
  }
}
