package dev.appmetrics.query.sampling;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The answer's {@code sampling}: the tier that served it and its weight, what the request asked ({@code auto} or a
 * tier), with {@code auto} the estimate of the exact rows and the row budget the tier was chosen by (and
 * {@code exactExpired} when the exact table had already dropped weeks of the range, so a tier served it whatever the
 * estimate), and the stored events behind the answer's query series (the "extrapolated from N events" a chart shows).
 */
public record Sampling(
    String tier,
    int weight,
    String requested,
    @JsonInclude(JsonInclude.Include.NON_NULL) Long estimatedRows,
    @JsonInclude(JsonInclude.Include.NON_NULL) Long rowBudget,
    @JsonInclude(JsonInclude.Include.NON_NULL) Boolean exactExpired,
    long storedEvents) {}
