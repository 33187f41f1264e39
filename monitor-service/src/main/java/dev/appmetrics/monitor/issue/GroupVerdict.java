package dev.appmetrics.monitor.issue;

import dev.appmetrics.monitor.detection.Verdict;
import java.util.Map;

/** A detector's verdict for one group of a monitor's series ({@code {}} when the query is not grouped). */
public record GroupVerdict(Map<String, Object> group, Verdict verdict) {}
