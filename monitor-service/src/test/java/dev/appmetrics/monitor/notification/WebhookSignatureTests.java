package dev.appmetrics.monitor.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class WebhookSignatureTests {

  @Test
  void matchesAnHmacComputedByOpenssl() {
    // printf '%s' '1764064800.{"id":"n1"}' | openssl dgst -sha256 -hmac 'a-secret-of-16-chars'
    assertEquals(
        "sha256=8aed7c519d16ffe2eec2802d669fc11179d49bb9118ba9b968a51c712a41d1d6",
        WebhookSignature.sign("a-secret-of-16-chars", 1764064800L, "{\"id\":\"n1\"}"));
  }

  @Test
  void timestampIsPartOfWhatIsSigned() {
    assertNotEquals(
        WebhookSignature.sign("a-secret-of-16-chars", 1L, "{}"),
        WebhookSignature.sign("a-secret-of-16-chars", 2L, "{}"));
  }
}
