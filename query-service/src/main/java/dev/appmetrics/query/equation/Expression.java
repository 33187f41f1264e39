package dev.appmetrics.query.equation;

import java.util.Set;
import java.util.function.Function;

/** An equation's syntax tree over the labels of queries and other equations. */
public sealed interface Expression {

  /** The value at one bucket; null when any operand is null or a divisor is zero. */
  Double evaluate(Function<String, Double> labels);

  void collectLabels(Set<String> into);

  record Constant(double value) implements Expression {
    @Override
    public Double evaluate(Function<String, Double> labels) {
      return value;
    }

    @Override
    public void collectLabels(Set<String> into) {}
  }

  record Label(String name) implements Expression {
    @Override
    public Double evaluate(Function<String, Double> labels) {
      return labels.apply(name);
    }

    @Override
    public void collectLabels(Set<String> into) {
      into.add(name);
    }
  }

  record Negate(Expression operand) implements Expression {
    @Override
    public Double evaluate(Function<String, Double> labels) {
      Double value = operand.evaluate(labels);
      return value == null ? null : -value;
    }

    @Override
    public void collectLabels(Set<String> into) {
      operand.collectLabels(into);
    }
  }

  record Binary(char operator, Expression left, Expression right) implements Expression {
    @Override
    public Double evaluate(Function<String, Double> labels) {
      Double l = left.evaluate(labels);
      Double r = right.evaluate(labels);
      if (l == null || r == null) {
        return null;
      }
      double result =
          switch (operator) {
            case '+' -> l + r;
            case '-' -> l - r;
            case '*' -> l * r;
            default -> r == 0 ? Double.NaN : l / r;
          };
      return Double.isFinite(result) ? result : null;
    }

    @Override
    public void collectLabels(Set<String> into) {
      left.collectLabels(into);
      right.collectLabels(into);
    }
  }
}
