package dev.appmetrics.query.trace;

import java.util.Map;

/**
 * Traces like the one a sample belongs to, for when that trace was not stored: same values of the chosen span
 * attributes ({@code release}, {@code environment}, {@code transaction}, {@code op}), closest in time to
 * {@code timestamp}. {@code excludeTraceId} leaves out the sample's own trace.
 */
public record ComparableRequest(
    Long project,
    String timestamp,
    Map<String, String> match,
    String excludeTraceId,
    Integer limit) {}
