package dev.appmetrics.dashboard.explorer;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The whole state of an Explorer page: projects, time range, queries, equations and the comparison. It has the
 * shape of query-service's timeseries request, so a saved query is sent to query-service as it is stored.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExplorerQuery(
    List<Long> projects,
    String start,
    String end,
    String period,
    String interval,
    List<MetricQuery> queries,
    List<Equation> equations,
    String compare) {}
