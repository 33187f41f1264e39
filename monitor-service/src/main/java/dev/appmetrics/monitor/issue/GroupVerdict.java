package dev.appmetrics.monitor.issue;

import dev.appmetrics.monitor.detection.Verdict;
import dev.appmetrics.monitor.notification.Evidence;
import java.util.Map;

/**
 * A detector's verdict for one group of a monitor's series ({@code {}} when the query is not grouped), and what the
 * evaluation saw there for the notifications it may send (null when nothing was read, as in tests of the lifecycle).
 */
public record GroupVerdict(Map<String, Object> group, Verdict verdict, Evidence evidence) {

  public GroupVerdict(Map<String, Object> group, Verdict verdict) {
    this(group, verdict, null);
  }
}
