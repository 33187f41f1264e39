package dev.appmetrics.monitor.notification;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of generic webhooks: {@code X-Appmetrics-Signature: sha256=<hex HMAC-SHA256>} of
 * {@code "<X-Appmetrics-Timestamp>.<raw body>"} keyed with the channel's secret. Receivers recompute it over the raw
 * bytes and reject old timestamps, so a captured request cannot be replayed later.
 */
public final class WebhookSignature {

  public static final String SIGNATURE_HEADER = "X-Appmetrics-Signature";
  public static final String TIMESTAMP_HEADER = "X-Appmetrics-Timestamp";

  private WebhookSignature() {}

  public static String sign(String secret, long timestampSeconds, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] digest = mac.doFinal((timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
      return "sha256=" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JVM", e);
    }
  }
}
