package dev.appmetrics.ingest.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.appmetrics.ingest.event.TypedAttributes.UnreadableAttribute;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sentry's typed attributes and plain values, read token by token, with every refusal's reason. */
class TypedAttributesTests {

  private static final JsonFactory JSON = new JsonFactory();

  /** Reads the attributes, then checks the parser was left on their last token. */
  private static Attributes read(String json) throws IOException, UnreadableAttribute {
    try (JsonParser parser = JSON.createParser("[" + json + ", \"next\"]")) {
      parser.nextToken();
      parser.nextToken();
      try {
        return TypedAttributes.read(parser);
      } finally {
        assertEquals(JsonToken.VALUE_STRING, parser.nextToken(), "the parser reads on after them");
        assertEquals("next", parser.getText());
      }
    }
  }

  private static String refusal(String json) {
    return assertThrows(UnreadableAttribute.class, () -> read(json)).getMessage();
  }

  @Test
  void readsEachDeclaredTypeIntoItsMap() throws Exception {
    Attributes attributes =
        read(
            """
            {"route": {"value": "/checkout", "type": "string"},
             "attempt": {"value": 3, "type": "integer"},
             "ratio": {"value": 0.25, "type": "double"},
             "whole": {"value": 2, "type": "double"},
             "ok": {"value": true, "type": "boolean"},
             "tags": {"value": ["a", 1], "type": "array"}}""");
    assertEquals(Map.of("route", "/checkout", "tags", "[\"a\",1]"), attributes.strings());
    assertEquals(Map.of("attempt", 3L), attributes.integers());
    assertEquals(Map.of("ratio", 0.25, "whole", 2.0), attributes.doubles());
    assertEquals(Map.of("ok", true), attributes.booleans());
  }

  @Test
  void infersTheTypeOfPlainValuesAndKeepsTheirOrder() throws Exception {
    Attributes attributes =
        read(
            """
            {"b": "x", "a": "y", "n": -7, "f": 1e3, "t": false, "list": [1, {"k": null}],
             "typed": {"value": 1}}""");
    assertEquals(List.of("b", "a", "list"), List.copyOf(attributes.strings().keySet()));
    assertEquals("[1,{\"k\":null}]", attributes.strings().get("list"));
    assertEquals(Map.of("n", -7L, "typed", 1L), attributes.integers());
    assertEquals(Map.of("f", 1000.0), attributes.doubles());
    assertEquals(Map.of("t", false), attributes.booleans());
  }

  @Test
  void aKeyGivenTwiceKeepsItsLastValueWhateverItsType() throws Exception {
    Attributes attributes = read("{\"k\": \"text\", \"k\": 5, \"j\": 1.5, \"j\": true}");
    assertEquals(Map.of(), attributes.strings());
    assertEquals(Map.of("k", 5L), attributes.integers());
    assertEquals(Map.of(), attributes.doubles());
    assertEquals(Map.of("j", true), attributes.booleans());
  }

  @Test
  void aLaterValidValueOfTheSameKeyClearsAnEarlierProblem() throws Exception {
    assertEquals(
        Map.of("k", "fine"),
        read("{\"k\": {\"value\": 1, \"type\": \"string\"}, \"k\": \"fine\"}").strings());
  }

  @Test
  void namesTheAttributeAndWhatItIsWhenTheDeclaredTypeDoesNotFit() {
    assertEquals(
        "attribute 'n' is declared string but is NUMBER",
        refusal("{\"n\": {\"value\": 1.5, \"type\": \"string\"}}"));
    assertEquals(
        "attribute 's' is declared double but is STRING",
        refusal("{\"s\": {\"value\": \"1\", \"type\": \"double\"}}"));
    assertEquals(
        "attribute 'b' is declared boolean but is NULL",
        refusal("{\"b\": {\"value\": null, \"type\": \"boolean\"}}"));
    assertEquals(
        "attribute 'a' is declared array but is OBJECT",
        refusal("{\"a\": {\"value\": {\"x\": 1}, \"type\": \"array\"}}"));
    assertEquals(
        "attribute 'i' is declared integer but is not a signed 64-bit integer",
        refusal("{\"i\": {\"value\": 9223372036854775808, \"type\": \"integer\"}}"));
    assertEquals(
        "attribute 'i' is declared integer but is not a signed 64-bit integer",
        refusal("{\"i\": {\"value\": 2.0, \"type\": \"integer\"}}"));
  }

  @Test
  void quotesADeclaredTypeItDoesNotKnowAsWritten() {
    assertEquals(
        "attribute 'k' has unknown type 'map'",
        refusal("{\"k\": {\"value\": 1, \"type\": \"map\"}}"));
    assertEquals(
        "attribute 'k' has unknown type '-0'", refusal("{\"k\": {\"value\": 1, \"type\": -0}}"));
    assertEquals(
        "attribute 'k' has unknown type '1000.0'",
        refusal("{\"k\": {\"value\": 1, \"type\": 1e3}}"));
    assertEquals(
        "attribute 'k' has unknown type 'true'",
        refusal("{\"k\": {\"value\": 1, \"type\": true}}"));
    assertEquals(
        "attribute 'k' has unknown type ''",
        refusal("{\"k\": {\"value\": 1, \"type\": [\"string\"]}}"));
    assertEquals(
        "attribute 'k' has unknown type 'object'", refusal("{\"k\": {\"type\": \"string\"}}"));
  }

  @Test
  void refusesPlainValuesWithoutAType() {
    assertEquals("attribute 'k' has unknown type 'null'", refusal("{\"k\": null}"));
    assertEquals(
        "attribute 'k' is declared integer but is not a signed 64-bit integer",
        refusal("{\"k\": 18446744073709551616}"));
  }

  @Test
  void aNullTypeInfersItFromTheValue() throws Exception {
    assertEquals(Map.of("k", 4L), read("{\"k\": {\"value\": 4, \"type\": null}}").integers());
  }

  @Test
  void nullAttributesAreNoneAndAnythingElseIsRefused() throws Exception {
    assertEquals(Attributes.EMPTY, read("null"));
    assertEquals("attributes must be an object", refusal("[1, 2]"));
    assertEquals("attributes must be an object", refusal("\"route\""));
  }
}
