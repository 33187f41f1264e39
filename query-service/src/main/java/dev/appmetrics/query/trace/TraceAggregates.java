package dev.appmetrics.query.trace;

import java.util.List;
import java.util.Map;

/**
 * What a trace search condition's {@code having} takes: the aggregates of each kind of condition and the comparison
 * operators, as {@link SearchConditionSql} checks them.
 */
public record TraceAggregates(Map<String, List<String>> aggregates, List<String> operators) {}
