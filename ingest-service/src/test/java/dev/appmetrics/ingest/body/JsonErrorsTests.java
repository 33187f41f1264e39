package dev.appmetrics.ingest.body;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Jackson's reasons as clients read them: what and where, never a class or setting of Jackson's. */
class JsonErrorsTests {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static String reasonFor(String body) {
    try {
      JSON.readTree(body);
      throw new AssertionError("parsed: " + body);
    } catch (IOException e) {
      return JsonErrors.describe(e);
    }
  }

  @Test
  void namesWhatAndWhereWithoutJacksonsClassesOrSettings() {
    String deep = reasonFor("[".repeat(1_001) + "]".repeat(1_001));
    assertEquals("Document nesting depth (1001) exceeds the maximum allowed (1000)", deep);
    String truncated = reasonFor("{\"metrics\": [");
    assertEquals(
        "Unexpected end-of-input: expected close marker for Array (line 1, column 14)", truncated);
    String wrong = reasonFor("{\"metrics\": x}");
    assertFalse(
        wrong.contains("`") || wrong.contains("Source") || wrong.contains("com.fasterxml"), wrong);
    assertEquals(
        "Unrecognized token 'x': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or "
            + "'false') (line 1, column 13)",
        wrong);
  }
}
