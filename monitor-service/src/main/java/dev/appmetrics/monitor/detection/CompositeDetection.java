package dev.appmetrics.monitor.detection;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.appmetrics.monitor.api.Problems;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A boolean combination of conditions, each over one query or equation of the monitor with levels of its own
 * (a threshold or a percent change): "count > 100 AND change(p95) > 50%". With {@code and} the monitor breaches when
 * every condition does, at the least severity among them; with {@code or} when any does, at the highest.
 */
public record CompositeDetection(Operator operator, List<Part> conditions) implements Detection {

  public static final int MAX_CONDITIONS = 10;

  public enum Operator {
    @JsonProperty("and")
    AND,
    @JsonProperty("or")
    OR
  }

  /** One condition: the label it watches and how it judges that label's value. */
  public record Part(String watch, Detection detection) {}

  /** One condition's verdict in a group, as issues and notifications show which held. */
  public record Judged(Part part, Verdict verdict) {

    public boolean held() {
      return verdict.condition() == Condition.BREACH;
    }
  }

  @Override
  public CompositeDetection validated(Problems problems) {
    if (operator == null) {
      problems.add("detection.operator", "detection.operator must be and or or");
    }
    if (conditions == null
        || conditions.size() < 2
        || conditions.size() > MAX_CONDITIONS
        || conditions.stream().anyMatch(Objects::isNull)) {
      problems.add(
          "detection.conditions",
          "detection.conditions needs 2 to " + MAX_CONDITIONS + " conditions");
      return this;
    }
    List<Part> checked = new ArrayList<>();
    for (int i = 0; i < conditions.size(); i++) {
      Part part = conditions.get(i);
      String field = "detection.conditions[" + i + "]";
      if (part.watch() == null || part.watch().isBlank()) {
        problems.add(
            field + ".watch", field + ".watch must name a query or equation of the monitor");
      }
      if (!(part.detection() instanceof ThresholdDetection)
          && !(part.detection() instanceof ChangeDetection)) {
        problems.add(field + ".detection", field + ".detection must be a threshold or a change");
        checked.add(part);
        continue;
      }
      Problems own = new Problems();
      Detection detection = part.detection().validated(own);
      own.details()
          .forEach(
              d ->
                  problems.add(
                      d.field().replaceFirst("^detection", field + ".detection"),
                      d.reason().replaceFirst("^detection", field + ".detection")));
      checked.add(new Part(part.watch(), detection));
    }
    return new CompositeDetection(operator, checked);
  }

  /** The combination of the conditions' verdicts; its value is the first condition's. */
  public Verdict combine(List<Judged> judged) {
    List<Condition> conditions = judged.stream().map(j -> j.verdict().condition()).toList();
    Condition combined = operator == Operator.AND ? and(conditions) : or(conditions);
    Comparator<Severity> order = Comparator.naturalOrder();
    Severity severity =
        combined != Condition.BREACH
            ? null
            : judged.stream()
                .filter(Judged::held)
                .map(j -> j.verdict().severity())
                .reduce(
                    (a, b) ->
                        operator == Operator.AND
                            ? (order.compare(a, b) <= 0 ? a : b)
                            : (order.compare(a, b) >= 0 ? a : b))
                .orElseThrow();
    String message =
        (operator == Operator.AND ? "All of: " : "Any of: ")
            + String.join(
                "; ",
                judged.stream()
                    .map(
                        j ->
                            j.part().watch()
                                + " "
                                + (j.held() ? "held" : "did not hold")
                                + ": "
                                + j.verdict().message())
                    .toList());
    return new Verdict(combined, severity, judged.get(0).verdict().value(), message);
  }

  /** False as soon as one is clear; unknown (too few events, then no data) before true; true when all breach. */
  private static Condition and(List<Condition> conditions) {
    for (Condition c : List.of(Condition.CLEAR, Condition.NOT_ENOUGH_DATA, Condition.NO_DATA)) {
      if (conditions.contains(c)) {
        return c;
      }
    }
    return conditions.stream().allMatch(Condition.BREACH::equals)
        ? Condition.BREACH
        : Condition.HOLD;
  }

  /** True as soon as one breaches; a hold keeps it open; unknown before false. */
  private static Condition or(List<Condition> conditions) {
    for (Condition c :
        List.of(Condition.BREACH, Condition.HOLD, Condition.NOT_ENOUGH_DATA, Condition.NO_DATA)) {
      if (conditions.contains(c)) {
        return c;
      }
    }
    return Condition.CLEAR;
  }
}
