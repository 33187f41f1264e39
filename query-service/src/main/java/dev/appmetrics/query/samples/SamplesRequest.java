package dev.appmetrics.query.samples;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The body of {@code POST /api/v1/query/samples}. */
public record SamplesRequest(
    List<Long> projects,
    String start,
    String end,
    String period,
    String metric,
    JsonNode filter,
    String sort,
    Integer limit,
    String cursor) {}
