package dev.appmetrics.monitor.query;

import java.util.List;

/**
 * What query-service answers a request it accepts at {@code POST /api/v1/query/validate}, as far as monitors read it:
 * its warnings, such as a metric without events in the range (the rest of the answer is ignored).
 */
public record ValidationResponse(List<Warning> warnings) {

  public record Warning(String field, String reason) {}

  public List<Warning> warningsOrNone() {
    return warnings == null ? List.of() : warnings;
  }
}
