package dev.appmetrics.monitor.query;

import java.util.List;

/**
 * POST /api/v1/query/samples of query-service: events of one metric in an absolute range, filtered (search syntax),
 * in one of its sorts ({@code -value}, {@code value}, {@code -timestamp}), at most {@code limit}.
 */
public record SamplesRequest(
    List<Long> projects,
    String start,
    String end,
    String metric,
    String filter,
    String sort,
    int limit) {}
