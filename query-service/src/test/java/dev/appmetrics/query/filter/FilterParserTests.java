package dev.appmetrics.query.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.appmetrics.query.filter.Filter.And;
import dev.appmetrics.query.filter.Filter.Compare;
import dev.appmetrics.query.filter.Filter.Equals;
import dev.appmetrics.query.filter.Filter.Has;
import dev.appmetrics.query.filter.Filter.Not;
import dev.appmetrics.query.filter.Filter.Operator;
import dev.appmetrics.query.filter.Filter.Or;
import dev.appmetrics.query.filter.Filter.ValueCompare;
import dev.appmetrics.query.filter.Filter.ValueIn;
import dev.appmetrics.query.filter.Filter.Wildcard;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FilterParserTests {

  @Test
  void parsesTheSentryExampleAsAnAndOfTerms() {
    assertEquals(
        new And(
            List.of(
                new Equals("email_type", List.of("welcome")),
                new Not(new Equals("region", List.of("eu"))),
                new Equals("route", List.of("/a", "/b")),
                new Has("release"),
                new ValueCompare(Operator.LT, 100),
                new ValueCompare(Operator.GT, 200))),
        FilterParser.parse(
            "email_type:welcome !region:eu route:[/a,/b] has:release value:<100 value:>200"));
  }

  @Test
  void andBindsTighterThanOr() {
    assertEquals(
        new Or(
            List.of(
                new Equals("a", List.of("1")),
                new And(List.of(new Equals("b", List.of("2")), new Equals("c", List.of("3")))))),
        FilterParser.parse("a:1 OR b:2 AND c:3"));
  }

  @Test
  void parenthesesGroup() {
    assertEquals(
        new And(
            List.of(
                new Or(List.of(new Equals("a", List.of("1")), new Equals("b", List.of("2")))),
                new Not(new Has("c")))),
        FilterParser.parse("(a:1 OR b:2) !has:c"));
  }

  @Test
  void quotedValuesKeepSpacesQuotesAndParentheses() {
    assertEquals(
        new Equals("q", List.of("a \"b\" (c) \\ d")),
        FilterParser.parse("q:\"a \\\"b\\\" (c) \\\\ d\""));
    assertEquals(new Equals("q", List.of("x y", "z")), FilterParser.parse("q:[\"x y\", z]"));
  }

  @Test
  void comparesNumericAttributesAndValues() {
    assertEquals(new Compare("retries", Operator.GTE, 2), FilterParser.parse("retries:>=2"));
    assertEquals(new ValueCompare(Operator.LTE, -1.5), FilterParser.parse("value:<=-1.5"));
    assertEquals(new ValueCompare(Operator.EQ, 7), FilterParser.parse("value:7"));
    assertEquals(new ValueIn(List.of(1.0, 2.0)), FilterParser.parse("value:[1, 2]"));
  }

  @Test
  void anUnquotedStarMakesAWildcardAndNegationWrapsIt() {
    assertEquals(new Wildcard("route", "/a*"), FilterParser.parse("route:/a*"));
    assertEquals(new Not(new Wildcard("route", "*check*")), FilterParser.parse("!route:*check*"));
    assertEquals(new Wildcard("q", "50%_*"), FilterParser.parse("q:50%_*"));
  }

  @Test
  void aQuotedStarIsLiteral() {
    assertEquals(new Equals("route", List.of("/a*")), FilterParser.parse("route:\"/a*\""));
  }

  @Test
  void aListMixesExactValuesAndPatterns() {
    assertEquals(
        new Or(List.of(new Equals("route", List.of("/b", "/c*")), new Wildcard("route", "/a*"))),
        FilterParser.parse("route:[/a*, /b, \"/c*\"]"));
  }

  @Test
  void theMetricsValueTakesNoWildcard() {
    FilterException e = assertThrows(FilterException.class, () -> FilterParser.parse("value:1*"));
    assertEquals("expected a number but found '1*'", e.getMessage());
  }

  @Test
  void wildcardsBecomeEscapedLikePatternsOnStringAttributes() {
    assertEquals(
        "(has(attr_string_keys, 'route') AND attr_string_values[indexOf(attr_string_keys, 'route')]"
            + " LIKE '/a\\\\%x\\\\_%')",
        FilterSql.condition(FilterParser.parse("route:/a%x_*")));
    assertEquals(
        "NOT (has(attr_string_keys, 'q') AND attr_string_values[indexOf(attr_string_keys, 'q')]"
            + " LIKE '%it\\'s%')",
        FilterSql.condition(FilterParser.parse("!q:*it's*")));
  }

  @Test
  void blankIsEveryEvent() {
    assertEquals(new Filter.All(), FilterParser.parse("  "));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "region            | expected ':' after 'region'     | 7",
        "region:           | expected a value                | 8",
        "(a:1              | expected ')'                    | 5",
        "a:1)              | unbalanced ')'                  | 4",
        "value:<abc        | expected a number               | 8",
        "value:x           | expected a number               | 7",
        "retries:>1e999    | expected a number               | 10",
        "q:\"open          | unterminated quoted value       | 3",
        "a:[1, 2           | expected ',' or ']'             | 8",
        "a:1 OR            | expected a term                 | 7",
        "has:              | expected an attribute key       | 5",
        ":x                | expected an attribute key       | 1",
      })
  void malformedFiltersNameThePosition(String text, String message, int position) {
    FilterException e = assertThrows(FilterException.class, () -> FilterParser.parse(text));
    assertEquals(position, e.position(), e.getMessage());
    assertEquals(true, e.getMessage().contains(message), e.getMessage());
  }

  @Test
  void refusesVeryLongFilters() {
    assertThrows(
        FilterException.class,
        () -> FilterParser.parse("a:" + "x".repeat(FilterLimits.MAX_LENGTH)));
  }

  @Test
  void refusesDeepNesting() {
    assertThrows(
        FilterException.class, () -> FilterParser.parse("(".repeat(40) + "a:1" + ")".repeat(40)));
  }
}
