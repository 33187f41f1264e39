package dev.appmetrics.query.equation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EquationParserTests {

  static Double eval(String expression, Map<String, Double> labels) {
    return EquationParser.parse(expression).evaluate(labels::get);
  }

  @Test
  void honoursPrecedenceParenthesesAndUnaryMinus() {
    assertEquals(7.0, eval("1 + 2 * 3", Map.of()));
    assertEquals(9.0, eval("(1 + 2) * 3", Map.of()));
    assertEquals(-1.0, eval("-(A - B) * -1 - 2", Map.of("A", 3.0, "B", 2.0)));
    assertEquals(0.5, eval("A / B / 2", Map.of("A", 4.0, "B", 4.0)));
    assertEquals(2.5, eval("--2.5", Map.of()));
  }

  @Test
  void computesTheApdexExample() {
    assertEquals(
        (50 + 20 / 2.0) / 100, eval("(A + (B / 2)) / C", Map.of("A", 50.0, "B", 20.0, "C", 100.0)));
  }

  @Test
  void equationDivisionByZeroIsNull() {
    assertNull(eval("A / C", Map.of("A", 5.0, "C", 0.0)));
    assertNull(eval("0 / 0", Map.of()));
  }

  @Test
  void nullOperandGivesNull() {
    java.util.HashMap<String, Double> labels = new java.util.HashMap<>();
    labels.put("A", null);
    labels.put("B", 1.0);
    assertNull(eval("A + B", labels));
  }

  @Test
  void collectsTheLabelsItUses() {
    Set<String> labels = new LinkedHashSet<>();
    EquationParser.parse("(A + f1) / A * total_2").collectLabels(labels);
    assertEquals(List.of("A", "f1", "total_2"), List.copyOf(labels));
  }

  @Test
  void malformedEquationsNameThePosition() {
    assertEquals(
        4, assertThrows(EquationException.class, () -> EquationParser.parse("A +")).position());
    assertEquals(
        7, assertThrows(EquationException.class, () -> EquationParser.parse("(A + B")).position());
    assertEquals(
        3,
        assertThrows(EquationException.class, () -> EquationParser.parse("A ; DROP")).position());
    assertEquals(
        1, assertThrows(EquationException.class, () -> EquationParser.parse("1.2.3")).position());
    assertThrows(EquationException.class, () -> EquationParser.parse(""));
  }

  @Test
  void refusesConstantsBeyondTheLargestNumber() {
    EquationException e =
        assertThrows(
            EquationException.class, () -> EquationParser.parse("A * 1" + "0".repeat(400)));
    assertEquals("number too large", e.getMessage());
    assertEquals(5, e.position());
  }
}
