package dev.appmetrics.query.samples;

import dev.appmetrics.query.config.QueryConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 over a cursor's content and the scope it was issued for, so a client can neither change a cursor nor
 * carry it to another request or organization. Its key is checked at start-up, before the migrations and the
 * credentials consumer (priority 1); a packaged service refuses the key shipped for dev and tests in common's
 * ShippedSecrets.
 */
@Startup(1)
@ApplicationScoped
public class CursorSigner {

  static final int MIN_SECRET_LENGTH = 32;
  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;

  @Inject
  public CursorSigner(QueryConfig config) {
    this(config.cursorSecret());
  }

  CursorSigner(String secret) {
    if (secret.length() < MIN_SECRET_LENGTH) {
      throw new IllegalStateException(
          "appmetrics.query.cursor-secret (APPMETRICS_QUERY_CURSOR_SECRET) must be at "
              + "least "
              + MIN_SECRET_LENGTH
              + " characters long");
    }
    key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
  }

  /** The MAC of {@code content} within {@code scope}; a null scope entry differs from every string. */
  byte[] sign(byte[] content, List<String> scope) {
    Mac mac;
    try {
      mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("The JVM lacks " + ALGORITHM, e);
    }
    // Each field is length-prefixed, so no two different (content, scope) pairs feed the MAC the
    // same bytes.
    field(mac, content);
    for (String entry : scope) {
      field(mac, entry == null ? null : entry.getBytes(StandardCharsets.UTF_8));
    }
    return mac.doFinal();
  }

  /** In constant time, so the answer's timing does not say how much of a forged MAC was right. */
  boolean verifies(byte[] content, List<String> scope, byte[] signature) {
    return MessageDigest.isEqual(sign(content, scope), signature);
  }

  private static void field(Mac mac, byte[] bytes) {
    mac.update(
        ByteBuffer.allocate(Integer.BYTES).putInt(bytes == null ? -1 : bytes.length).array());
    if (bytes != null) {
      mac.update(bytes);
    }
  }
}
