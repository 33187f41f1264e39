package dev.appmetrics.common.testing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The downsampled tiers' rule computed in Java, apart from the SQL it checks: an event is kept at weight w when the
 * first 8 bytes of MD5 of its sampling key (the trace id, or {@code <kafka_partition>/<kafka_offset>} without one),
 * read as a little-endian unsigned integer, are a multiple of w.
 */
public final class SamplingHash {

  private SamplingHash() {}

  public static boolean keeps(String traceId, int kafkaPartition, long kafkaOffset, int weight) {
    String key = traceId.isEmpty() ? kafkaPartition + "/" + kafkaOffset : traceId;
    try {
      byte[] md5 = MessageDigest.getInstance("MD5").digest(key.getBytes(StandardCharsets.UTF_8));
      long low = 0;
      for (int i = 7; i >= 0; i--) {
        low = (low << 8) | (md5[i] & 0xff);
      }
      return Long.remainderUnsigned(low, weight) == 0;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
