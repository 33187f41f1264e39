package dev.appmetrics.query.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.appmetrics.common.error.ApiException;
import dev.appmetrics.query.time.TimeRange;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SampleCursorTests {

  static final CursorSigner SIGNER = new CursorSigner("a-secret-of-at-least-thirty-two-characters");
  static final List<String> SCOPE =
      Arrays.asList("7", "[12, 13]", "checkout.latency", "1", "-timestamp", null, null, "24h");
  static final SampleCursor CURSOR =
      new SampleCursor(150, new TimeRange(1764064800, 1764151200), SampleSort.NEWEST);

  static void assertRefused(String cursor, List<String> scope) {
    ApiException refused =
        assertThrows(ApiException.class, () -> SampleCursor.decode(cursor, SIGNER, scope));
    assertEquals(400, refused.status());
    assertEquals("bad_request", refused.toResponse().code());
    assertEquals(
        "'cursor' is not a cursor this API returned for this request: a cursor only continues the request "
            + "it came from, for the same organization, projects, metric, filter, sort and range",
        refused.getMessage());
  }

  static String base64(String text) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void decodesWhatItEncodedForTheSameScope() {
    assertEquals(
        CURSOR, SampleCursor.decode(CURSOR.encode(SIGNER, SCOPE), SIGNER, new ArrayList<>(SCOPE)));
  }

  @Test
  void refusesATamperedOffsetRangeOrSortUnderTheOriginalMac() {
    String mac = CURSOR.encode(SIGNER, SCOPE).split("\\.")[1];
    for (String content :
        List.of(
            "v2:151:1764064800:1764151200:-timestamp",
            "v2:150:1764064799:1764151200:-timestamp",
            "v2:150:1764064800:1764151201:-timestamp",
            "v2:150:1764064800:1764151200:timestamp")) {
      assertRefused(base64(content) + "." + mac, SCOPE);
    }
  }

  @Test
  void refusesACursorInAnyOtherScope() {
    String cursor = CURSOR.encode(SIGNER, SCOPE);
    for (int i = 0; i < SCOPE.size(); i++) {
      List<String> other = new ArrayList<>(SCOPE);
      other.set(i, SCOPE.get(i) == null ? "" : SCOPE.get(i) + "x");
      assertRefused(cursor, other);
    }
    assertRefused(
        cursor,
        Arrays.asList("7", "[12, 13]", "checkout.latency", "1", "-timestamp", "null", null, "24h"));
    assertRefused(cursor, SCOPE.subList(0, SCOPE.size() - 1));
  }

  @Test
  void fieldsDoNotRunIntoEachOther() {
    String cursor = CURSOR.encode(SIGNER, List.of("ab", "c"));

    assertRefused(cursor, List.of("a", "bc"));
    assertRefused(cursor, List.of("abc"));
  }

  @Test
  void refusesACursorSignedWithAnotherSecret() {
    CursorSigner other = new CursorSigner("another-secret-of-at-least-thirty-two-chars");

    assertRefused(CURSOR.encode(other, SCOPE), SCOPE);
  }

  @Test
  void refusesAHugeOffsetWithoutAValidMac() {
    String content = base64("v2:999999999:1764064800:1764151200:-timestamp");
    assertRefused(content, SCOPE);
    assertRefused(content + ".", SCOPE);
    assertRefused(content + "." + base64("x".repeat(32)), SCOPE);
    assertRefused(base64("v1:999999999:1764064800:1764151200:-timestamp"), SCOPE);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", ".", "bm90LWEtY3Vyc29y", "a.b.c", "!!.??", "YQ.YQ", "YQ==.YQ==", " . "})
  void refusesMalformedCursors(String cursor) {
    assertRefused(cursor, SCOPE);
  }
}
