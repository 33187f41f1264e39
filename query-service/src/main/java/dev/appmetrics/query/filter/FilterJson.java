package dev.appmetrics.query.filter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.appmetrics.common.error.ApiException;
import dev.appmetrics.query.filter.Filter.Operator;
import dev.appmetrics.query.sql.Sql;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The structured JSON form of a filter, for programs that build filters (monitors, saved queries):
 * <pre>
 * {"and": [f, …]}  {"or": [f, …]}  {"not": f}  {"has": "key"}
 * {"key": "region", "op": "eq", "value": "eu"}      {"key": "route", "op": "in", "values": ["/a", "/b"]}
 * {"key": "retries", "op": "gt", "value": 2}         {"key": "value", "op": "lt", "value": 100}
 * {"key": "route", "op": "match", "value": "/a*"}   (a string attribute; each * stands for any text)
 * </pre>
 * Errors name the JSON path of the offending node.
 */
public final class FilterJson {

  private static final Map<String, Operator> COMPARISONS =
      Map.of("lt", Operator.LT, "lte", Operator.LTE, "gt", Operator.GT, "gte", Operator.GTE);

  private final String field;

  private FilterJson(String field) {
    this.field = field;
  }

  /**
   * A request's filter field: search syntax when it is a string, the structured form when an object, nothing when
   * absent. A malformed filter, or one beyond {@link FilterLimits}, is a 400 naming the field and the position (or
   * the JSON path).
   */
  public static Filter fromRequest(JsonNode node, String field) {
    try {
      if (node == null || node.isNull()) {
        return new Filter.All();
      }
      Filter filter =
          node.isTextual()
              ? FilterParser.parse(node.asText())
              : new FilterJson(field).parse(node, field, 0);
      return FilterLimits.check(filter, field);
    } catch (FilterException e) {
      throw ApiException.badRequest(
          field,
          e.position() > 0
              ? field + ": " + e.getMessage() + " at position " + e.position()
              : e.getMessage());
    }
  }

  /** The node at {@code path}, inside {@code depth} levels of and, or and not. */
  private Filter parse(JsonNode node, String path, int depth) {
    if (node == null || node.isNull()) {
      return new Filter.All();
    }
    if (!node.isObject()) {
      throw invalid(path, "must be an object");
    }
    boolean nests = node.has("and") || node.has("or") || node.has("not");
    if (nests && depth == FilterLimits.MAX_DEPTH) {
      throw invalid(
          field, "nests and, or and not deeper than " + FilterLimits.MAX_DEPTH + " levels");
    }
    if (node.has("and") || node.has("or")) {
      String op = node.has("and") ? "and" : "or";
      JsonNode operands = node.get(op);
      if (!operands.isArray() || operands.isEmpty()) {
        throw invalid(path + "." + op, "must be a non-empty array");
      }
      List<Filter> parsed = new ArrayList<>();
      for (int i = 0; i < operands.size(); i++) {
        parsed.add(parse(operands.get(i), path + "." + op + "[" + i + "]", depth + 1));
      }
      return op.equals("and") ? Filter.and(parsed) : Filter.or(parsed);
    }
    if (node.has("not")) {
      return new Filter.Not(parse(node.get("not"), path + ".not", depth + 1));
    }
    if (node.has("has")) {
      return new Filter.Has(key(node.get("has"), path + ".has"));
    }
    String key = key(node.get("key"), path + ".key");
    String op = node.path("op").asText("");
    if (op.equals("match") && !key.equals(Filter.VALUE)) {
      return new Filter.Wildcard(key, scalar(node.get("value"), path + ".value"));
    }
    if (op.equals("eq") || op.equals("in")) {
      List<String> values =
          op.equals("eq")
              ? List.of(scalar(node.get("value"), path + ".value"))
              : list(node.get("values"), path + ".values");
      if (!key.equals(Filter.VALUE)) {
        return new Filter.Equals(key, values);
      }
      List<Double> numbers = new ArrayList<>();
      for (String value : values) {
        numbers.add(number(value, path + (op.equals("eq") ? ".value" : ".values")));
      }
      return numbers.size() == 1
          ? new Filter.ValueCompare(Operator.EQ, numbers.get(0))
          : new Filter.ValueIn(numbers);
    }
    Operator operator = COMPARISONS.get(op);
    if (operator == null) {
      throw invalid(
          path + ".op",
          "must be one of eq, in, match, lt, lte, gt, gte (match on attributes only)");
    }
    double number = number(scalar(node.get("value"), path + ".value"), path + ".value");
    return key.equals(Filter.VALUE)
        ? new Filter.ValueCompare(operator, number)
        : new Filter.Compare(key, operator, number);
  }

  private static String key(JsonNode node, String path) {
    if (node == null
        || !node.isTextual()
        || node.asText().isEmpty()
        || node.asText().length() > FilterLimits.MAX_KEY_LENGTH) {
      throw invalid(
          path, "must be an attribute key of 1 to " + FilterLimits.MAX_KEY_LENGTH + " characters");
    }
    return node.asText();
  }

  private static String scalar(JsonNode node, String path) {
    if (node == null || !node.isValueNode() || node.isNull()) {
      throw invalid(path, "must be a string, number or boolean");
    }
    return node.asText();
  }

  private static List<String> list(JsonNode node, String path) {
    if (node == null || !node.isArray() || node.isEmpty()) {
      throw invalid(path, "must be a non-empty array");
    }
    List<String> values = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      values.add(scalar(node.get(i), path + "[" + i + "]"));
    }
    return values;
  }

  private static double number(String value, String path) {
    try {
      double number = Double.parseDouble(value);
      if (Sql.writable(number)) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below with the path
    }
    throw invalid(path, "must be " + Sql.WRITABLE_NUMBER);
  }

  private static FilterException invalid(String path, String message) {
    return new FilterException(path + " " + message, 0);
  }
}
