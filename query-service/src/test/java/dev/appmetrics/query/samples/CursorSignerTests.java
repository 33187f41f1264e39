package dev.appmetrics.query.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class CursorSignerTests {

  static final String SECRET = "a-secret-of-at-least-thirty-two-characters";

  @Test
  void signsWithHmacSha256OverLengthPrefixedFields() {
    // Computed apart from the code: printf '\0\0\0\2v2\0\0\0\1a\377\377\377\377' | openssl dgst
    // -sha256 -hmac <SECRET>
    assertArrayEquals(
        HexFormat.of().parseHex("01a1d2ecd7fa60f208998dcd447436c049534da92cf38dfd680e38fd97026174"),
        new CursorSigner(SECRET)
            .sign("v2".getBytes(StandardCharsets.UTF_8), Arrays.asList("a", null)));
  }

  @Test
  void refusesASecretShorterThanThirtyTwoCharactersNamingTheSetting() {
    new CursorSigner("x".repeat(32));
    IllegalStateException refused =
        assertThrows(IllegalStateException.class, () -> new CursorSigner("x".repeat(31)));

    assertEquals(
        "appmetrics.query.cursor-secret (APPMETRICS_QUERY_CURSOR_SECRET) must be at least 32 characters long",
        refused.getMessage());
  }
}
