package dev.appmetrics.query.timeseries;

import dev.appmetrics.common.error.ApiException;
import dev.appmetrics.query.equation.EquationException;
import dev.appmetrics.query.equation.EquationParser;
import dev.appmetrics.query.equation.Expression;
import dev.appmetrics.query.timeseries.TimeseriesPlan.PlannedEquation;
import dev.appmetrics.query.timeseries.TimeseriesPlan.PlannedQuery;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The equations of a {@link TimeseriesPlan}: labels checked, expressions parsed, every label they use known, and
 * ordered so each comes after the equations it uses, its operands sharing one groupBy. Every error is a 400 naming
 * the field.
 */
final class PlannedEquations {

  private static final Pattern EQUATION_LABEL = Pattern.compile("[a-z][a-z0-9_]{0,31}");

  private PlannedEquations() {}

  /** The request's equations over its planned queries, in the order they can be evaluated; none when it has none. */
  static List<PlannedEquation> of(
      List<TimeseriesRequest.Equation> equations, List<PlannedQuery> queries) {
    if (equations == null || equations.isEmpty()) {
      return List.of();
    }
    if (equations.size() > 26) {
      throw ApiException.badRequest("equations", "'equations' may hold at most 26 equations");
    }
    Map<String, List<String>> queryGroups = new HashMap<>();
    queries.forEach(q -> queryGroups.put(q.label(), q.groupBy()));
    Map<String, Expression> trees = new LinkedHashMap<>();
    Map<String, String> texts = new HashMap<>();
    for (int i = 0; i < equations.size(); i++) {
      TimeseriesRequest.Equation e = equations.get(i);
      String field = "equations[" + i + "]";
      if (e == null
          || e.label() == null
          || !EQUATION_LABEL.matcher(e.label()).matches()
          || trees.containsKey(e.label())) {
        throw ApiException.badRequest(
            field + ".label", field + ".label must be a unique lowercase identifier like f1");
      }
      try {
        trees.put(e.label(), EquationParser.parse(e.expression()));
      } catch (EquationException ex) {
        throw ApiException.badRequest(
            field + ".expression",
            field + ".expression: " + ex.getMessage() + " at position " + ex.position());
      }
      texts.put(e.label(), e.expression());
    }
    int i = 0;
    for (Map.Entry<String, Expression> e : trees.entrySet()) {
      Set<String> used = new LinkedHashSet<>();
      e.getValue().collectLabels(used);
      for (String label : used) {
        if (!queryGroups.containsKey(label) && !trees.containsKey(label)) {
          throw ApiException.badRequest(
              "equations[" + i + "].expression",
              "equations[" + i + "].expression uses the unknown label '" + label + "'");
        }
      }
      i++;
    }
    List<PlannedEquation> ordered = new ArrayList<>();
    Map<String, List<String>> groups = new HashMap<>(queryGroups);
    Set<String> visiting = new HashSet<>();
    for (String label : trees.keySet()) {
      order(label, trees, texts, groups, visiting, ordered);
    }
    return ordered;
  }

  /** Depth-first: an equation is planned after the equations it uses; meeting one on the current path is a cycle. */
  private static void order(
      String label,
      Map<String, Expression> trees,
      Map<String, String> texts,
      Map<String, List<String>> groups,
      Set<String> visiting,
      List<PlannedEquation> ordered) {
    if (groups.containsKey(label)) {
      return;
    }
    if (!visiting.add(label)) {
      throw ApiException.badRequest(
          "equations", "Equation '" + label + "' depends on itself (a cycle)");
    }
    Set<String> used = new LinkedHashSet<>();
    trees.get(label).collectLabels(used);
    List<String> groupBy = null;
    String first = null;
    for (String operand : used) {
      order(operand, trees, texts, groups, visiting, ordered);
      List<String> operandGroups = groups.get(operand);
      if (groupBy == null) {
        groupBy = operandGroups;
        first = operand;
      } else if (!Set.copyOf(groupBy).equals(Set.copyOf(operandGroups))) {
        throw ApiException.badRequest(
            "equations",
            "Equation '"
                + label
                + "' combines '"
                + first
                + "' grouped by "
                + groupBy
                + " with '"
                + operand
                + "' grouped by "
                + operandGroups
                + ": the operands must have the same groupBy");
      }
    }
    visiting.remove(label);
    List<String> planned = groupBy == null ? List.of() : groupBy;
    groups.put(label, planned);
    ordered.add(new PlannedEquation(label, texts.get(label), trees.get(label), planned));
  }
}
