package dev.appmetrics.ingest.event;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A growable byte array written in ClickHouse's binary encodings, which its RowBinary and Native formats share:
 * numbers little-endian, lengths and counts as varints, text as UTF-8 after its byte length. {@link MetricEventRow}
 * writes each event's row with it, the writer each column of a Native block.
 */
public final class RowBinaryBuffer {

  private static final VarHandle SHORT_LE =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT_LE =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private byte[] bytes;
  private int length;

  public RowBinaryBuffer(int capacity) {
    bytes = new byte[Math.max(capacity, 16)];
  }

  /**
   * The UTF-8 size of the text as {@link #string} writes it (and String.getBytes(UTF_8): a lone surrogate as '?'),
   * without encoding it; the validator's size limit counts with it.
   */
  public static int utf8Length(String text) {
    int bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += Character.isSurrogate(c) ? 1 : 3;
      }
    }
    return bytes;
  }

  public RowBinaryBuffer reset() {
    length = 0;
    return this;
  }

  public int length() {
    return length;
  }

  /** The array written so far, not copied: its first {@link #length} bytes. */
  public byte[] array() {
    return bytes;
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(bytes, length);
  }

  public RowBinaryBuffer bytes(byte[] source, int offset, int size) {
    ensure(size);
    System.arraycopy(source, offset, bytes, length, size);
    length += size;
    return this;
  }

  public RowBinaryBuffer fixed1(int value) {
    ensure(1);
    bytes[length++] = (byte) value;
    return this;
  }

  public RowBinaryBuffer fixed2(int value) {
    ensure(2);
    SHORT_LE.set(bytes, length, (short) value);
    length += 2;
    return this;
  }

  public RowBinaryBuffer fixed4(int value) {
    ensure(4);
    INT_LE.set(bytes, length, value);
    length += 4;
    return this;
  }

  public RowBinaryBuffer fixed8(long value) {
    ensure(8);
    LONG_LE.set(bytes, length, value);
    length += 8;
    return this;
  }

  public RowBinaryBuffer fixed8(double value) {
    return fixed8(Double.doubleToRawLongBits(value));
  }

  /** A varint (LEB128), as RowBinary writes lengths and counts. */
  public RowBinaryBuffer varint(int value) {
    ensure(5);
    while ((value & ~0x7F) != 0) {
      bytes[length++] = (byte) ((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    bytes[length++] = (byte) value;
    return this;
  }

  /** Most texts are ASCII: written in one pass with their length, else again as UTF-8 from the same place. */
  public RowBinaryBuffer string(String text) {
    int start = length;
    varint(text.length());
    ensure(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 0x80) {
        length = start;
        return utf8(text);
      }
      bytes[length++] = (byte) c;
    }
    return this;
  }

  private RowBinaryBuffer utf8(String text) {
    int size = utf8Length(text);
    varint(size);
    ensure(size);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes[length++] = (byte) c;
      } else if (c < 0x800) {
        bytes[length++] = (byte) (0xC0 | (c >> 6));
        bytes[length++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        int codePoint = Character.toCodePoint(c, text.charAt(++i));
        bytes[length++] = (byte) (0xF0 | (codePoint >> 18));
        bytes[length++] = (byte) (0x80 | ((codePoint >> 12) & 0x3F));
        bytes[length++] = (byte) (0x80 | ((codePoint >> 6) & 0x3F));
        bytes[length++] = (byte) (0x80 | (codePoint & 0x3F));
      } else if (Character.isSurrogate(c)) {
        // A lone surrogate is no character: '?' as String.getBytes(UTF_8) writes it.
        bytes[length++] = '?';
      } else {
        bytes[length++] = (byte) (0xE0 | (c >> 12));
        bytes[length++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        bytes[length++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    return this;
  }

  private void ensure(int more) {
    if (length + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
    }
  }
}
