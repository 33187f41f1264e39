package dev.appmetrics.query.trace;

import java.util.List;

/** The values trace search conditions can name in a project's recent traces, each list most frequent first. */
public record TraceCatalog(
    List<String> ops,
    List<String> transactions,
    List<String> statuses,
    List<String> releases,
    List<String> environments,
    List<String> logLevels,
    List<String> exceptionTypes) {

  static final int MAX_VALUES = 100;
}
