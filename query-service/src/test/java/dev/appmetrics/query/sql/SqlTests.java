package dev.appmetrics.query.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SqlTests {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "plain                  | 'plain'",
        "it's                   | 'it\\'s'",
        "back\\slash            | 'back\\\\slash'",
        "\\'; DROP TABLE x; --  | '\\\\\\'; DROP TABLE x; --'",
        "ünïcødé ✓              | 'ünïcødé ✓'",
        "/* comment */          | '/* comment */'",
      })
  void escapesQuotesAndBackslashesInStringLiterals(String value, String expected) {
    assertEquals(expected, Sql.string(value));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "/a*           | '/a%'",
        "*part*        | '%part%'",
        "50%*          | '50\\\\%%'",
        "a_b           | 'a\\\\_b'",
        "back\\*     | 'back\\\\\\\\%'",
        "it's*         | 'it\\'s%'",
      })
  void likePatternsKeepOnlyTheStarAsAWildcard(String wildcard, String expected) {
    assertEquals(expected, Sql.likePattern(wildcard));
  }

  @Test
  void writesControlCharactersAsEscapes() {
    assertEquals("'a\\nb\\rc\\td\\0e'", Sql.string("a\nb\rc\td\0e"));
  }

  @Test
  void writesNumbersInPlainDecimalNotation() {
    assertEquals("10000000000", Sql.number(1e10));
    assertEquals("0.00001", Sql.number(1e-5));
    assertEquals("-0.5", Sql.number(-0.5));
    assertEquals("100", Sql.number(100.0));
  }

  @Test
  void writesVeryLongNumbersWithAnExponent() {
    assertEquals("1E+300", Sql.number(1e300));
    assertEquals("-1.7976931348623157E+308", Sql.number(-Double.MAX_VALUE));
    assertEquals("1E-300", Sql.number(1e-300));
  }

  @Test
  void refusesNumbersClickHouseCannotRead() {
    assertThrows(IllegalArgumentException.class, () -> Sql.number(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> Sql.number(Double.POSITIVE_INFINITY));
    assertThrows(IllegalArgumentException.class, () -> Sql.number(Double.MIN_VALUE));
    assertThrows(IllegalArgumentException.class, () -> Sql.number(-1e-301));
  }

  @Test
  void writesListsForIn() {
    assertEquals("('a', 'b\\'')", Sql.strings(List.of("a", "b'")));
    assertEquals("(1, 2)", Sql.integers(List.of(1L, 2L)));
  }
}
