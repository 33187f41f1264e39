package dev.appmetrics.query.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.appmetrics.common.error.ApiException;
import java.util.Collections;
import org.junit.jupiter.api.Test;

/** The search syntax and the JSON form meet the same limits, and a filter beyond them is a 400 naming the field. */
class FilterLimitsTests {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String FIELD = "queries[0].filter";

  static String refusal(JsonNode filter) {
    return assertThrows(ApiException.class, () -> FilterJson.fromRequest(filter, FIELD))
        .getMessage();
  }

  static ObjectNode term(String key, Object value) {
    return JSON.createObjectNode()
        .put("key", key)
        .put("op", "eq")
        .put("value", String.valueOf(value));
  }

  static ObjectNode in(String key, int values) {
    ObjectNode in = JSON.createObjectNode().put("key", key).put("op", "in");
    ArrayNode list = in.putArray("values");
    for (int i = 0; i < values; i++) {
      list.add(i);
    }
    return in;
  }

  static ObjectNode and(int terms) {
    ObjectNode and = JSON.createObjectNode();
    ArrayNode operands = and.putArray("and");
    for (int i = 0; i < terms; i++) {
      operands.add(term("k" + i, i));
    }
    return and;
  }

  static JsonNode nestedNots(int levels) {
    JsonNode filter = term("region", "eu");
    for (int i = 0; i < levels; i++) {
      filter = JSON.createObjectNode().set("not", filter);
    }
    return filter;
  }

  static String textTerms(int terms) {
    return String.join(" ", Collections.nCopies(terms, "a:1"));
  }

  @Test
  void theJsonFormMatchesWildcardsOnAttributesOnly() {
    ObjectNode match =
        JSON.createObjectNode().put("key", "route").put("op", "match").put("value", "/a*");
    assertEquals(new Filter.Wildcard("route", "/a*"), FilterJson.fromRequest(match, FIELD));
    match.put("key", "value");
    assertEquals(
        FIELD + ".op must be one of eq, in, match, lt, lte, gt, gte (match on attributes only)",
        refusal(match));
  }

  @Test
  void anInWithAHundredThousandValuesIsRefusedNamingTheField() {
    assertEquals(FIELD + " has 100000 values; at most 1000", refusal(in("route", 100_000)));
  }

  @Test
  void anAndOfTenThousandTermsIsRefusedNamingTheField() {
    assertEquals(FIELD + " has 10000 terms; at most 50", refusal(and(10_000)));
  }

  @Test
  void nestingDeeperThanThirtyTwoLevelsIsRefusedInBothForms() {
    FilterJson.fromRequest(nestedNots(32), FIELD);
    assertEquals(FIELD + " nests and, or and not deeper than 32 levels", refusal(nestedNots(33)));
    assertEquals(FIELD + " nests and, or and not deeper than 32 levels", refusal(nestedNots(499)));
    FilterJson.fromRequest(new TextNode("(".repeat(32) + "a:1" + ")".repeat(32)), FIELD);
    assertEquals(
        FIELD + ": parentheses nested deeper than 32 at position 33",
        refusal(new TextNode("(".repeat(33) + "a:1" + ")".repeat(33))));
  }

  @Test
  void bothFormsTakeFiftyTermsAndNoMore() {
    assertEquals(50, FilterLimits.Size.of(FilterJson.fromRequest(and(50), FIELD)).terms());
    assertEquals(
        50,
        FilterLimits.Size.of(FilterJson.fromRequest(new TextNode(textTerms(50)), FIELD)).terms());
    assertEquals(FIELD + " has 51 terms; at most 50", refusal(and(51)));
    assertEquals(FIELD + " has 51 terms; at most 50", refusal(new TextNode(textTerms(51))));
  }

  @Test
  void bothFormsTakeAThousandValuesInAllTheirListsAndNoMore() {
    FilterJson.fromRequest(in("route", 1000), FIELD);
    ObjectNode twoLists = JSON.createObjectNode();
    twoLists.putArray("or").add(in("route", 600)).add(in("region", 600));
    assertEquals(FIELD + " has 1200 values; at most 1000", refusal(twoLists));
    String values = String.join(",", Collections.nCopies(1001, "1"));
    assertEquals(
        FIELD + " has 1001 values; at most 1000", refusal(new TextNode("a:[" + values + "]")));
  }

  @Test
  void theJsonFormTakesFourThousandNinetySixCharactersOfKeysAndValues() {
    ObjectNode or = JSON.createObjectNode();
    ArrayNode operands = or.putArray("or");
    for (int i = 0; i < 20; i++) {
      operands.add(term("k".repeat(200), "v".repeat(i < 19 ? 5 : 1)));
    }
    // 20 keys of 200 characters and values of 19 * 5 + 1
    assertEquals(4096, FilterLimits.Size.of(FilterJson.fromRequest(or, FIELD)).characters());
    ((ObjectNode) operands.get(0)).put("value", "vvvvvv");
    assertEquals(FIELD + " has 4097 characters of keys and values; at most 4096", refusal(or));
  }

  @Test
  void numbersClickHouseCannotReadAreRefusedInBothForms() {
    assertEquals(
        FIELD + ".value must be a finite number, 0 or of magnitude at least 1e-300",
        refusal(
            JSON.createObjectNode().put("key", "value").put("op", "lt").put("value", 4.9e-324)));
    String tiny = "0." + "0".repeat(320) + "1";
    assertEquals(
        FIELD
            + ": expected a finite number, 0 or of magnitude at least 1e-300 but found '"
            + FilterException.abbreviate(tiny)
            + "' at position 8",
        refusal(new TextNode("value:<" + tiny)));
  }

  @Test
  void aSubnormalValueOfAnAttributeIsMatchedAsTextOnly() {
    String tiny = "0." + "0".repeat(323) + "49";
    assertEquals(
        "((has(attr_string_keys, 'x') AND attr_string_values[indexOf(attr_string_keys, 'x')] IN ('"
            + tiny
            + "')))",
        FilterSql.condition(FilterParser.parse("x:" + tiny)));
  }
}
