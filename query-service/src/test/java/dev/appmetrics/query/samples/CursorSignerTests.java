package dev.appmetrics.query.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class CursorSignerTests {

  static final String SECRET = "a-secret-of-at-least-thirty-two-characters";

  @Test
  void signsWithHmacSha256OverLengthPrefixedFields() {
    // Computed apart from the code: printf '\0\0\0\2v2\0\0\0\1a\377\377\377\377' | openssl dgst -sha256 -hmac <SECRET>
    assertArrayEquals(HexFormat.of().parseHex("01a1d2ecd7fa60f208998dcd447436c049534da92cf38dfd680e38fd97026174"),
        new CursorSigner(SECRET, false).sign("v2".getBytes(StandardCharsets.UTF_8), Arrays.asList("a", null)));
  }

  @Test
  void refusesASecretShorterThanThirtyTwoCharactersNamingTheSetting() {
    IllegalStateException refused = assertThrows(IllegalStateException.class,
        () -> new CursorSigner("x".repeat(31), true));

    assertEquals("appmetrics.query.cursor-secret (APPMETRICS_QUERY_CURSOR_SECRET) must be at least 32 characters long",
        refused.getMessage());
  }

  @Test
  void everySecretApplicationPropertiesShipsIsRefusedOutsideTheDevAndTestProfiles() throws IOException {
    Properties properties = new Properties();
    try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
      properties.load(in);
    }
    List<String> shipped = properties.stringPropertyNames().stream()
        .filter(key -> key.endsWith("appmetrics.query.cursor-secret")).map(properties::getProperty).toList();
    assertFalse(shipped.isEmpty());
    for (String secret : shipped) {
      new CursorSigner(secret, true);
      IllegalStateException refused = assertThrows(IllegalStateException.class, () -> new CursorSigner(secret, false));
      assertEquals("appmetrics.query.cursor-secret (APPMETRICS_QUERY_CURSOR_SECRET) is the value shipped for "
          + "development and tests: set a secret of your own", refused.getMessage());
    }
  }
}
