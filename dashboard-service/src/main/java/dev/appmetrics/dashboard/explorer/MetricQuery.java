package dev.appmetrics.dashboard.explorer;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** One lettered panel of the Explorer (A..Z), exactly as query-service's timeseries request names it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MetricQuery(
    String label,
    String metric,
    String aggregate,
    String filter,
    List<String> groupBy,
    Integer limit,
    String order) {}
