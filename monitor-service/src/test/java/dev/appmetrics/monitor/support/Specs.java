package dev.appmetrics.monitor.support;

import java.util.List;
import java.util.stream.Collectors;

/** JSON bodies for the monitor and channel APIs. */
public final class Specs {

  private Specs() {}

  public static String slackChannel(String url) {
    return "{\"name\": \"ops slack\", \"type\": \"slack\", \"config\": {\"url\": \"" + url + "\"}}";
  }

  public static String pagerDutyChannel(String url) {
    return "{\"name\": \"on-call\", \"type\": \"pagerduty\", \"config\": {\"url\": \""
        + url
        + "\", \"routingKey\": \"R0UT1NGKEY000000000000000000000\"}}";
  }

  public static String webhookChannel(String url, String secret) {
    return "{\"name\": \"hook\", \"type\": \"webhook\", \"config\": {\"url\": \""
        + url
        + "\", \"secret\": \""
        + secret
        + "\"}}";
  }

  /** A threshold monitor on one metric: critical above {@code critical}, evaluated every 10 s without delay. */
  public static String thresholdMonitor(
      long projectId, String metric, double critical, List<Long> channels, String window) {
    return """
        {"name": "spike on %s",
         "query": {"projects": [%d], "interval": "10s", "window": "%s",
                   "queries": [{"label": "A", "metric": "%s", "aggregate": "max"}]},
         "detection": {"type": "threshold", "direction": "above", "critical": %s},
         "evaluation": {"every": "10s", "delay": "0s", "reduce": "max"},
         "noData": "ok",
         "channels": [%s]}
        """
        .formatted(
            metric,
            projectId,
            window,
            metric,
            critical,
            channels.stream().map(String::valueOf).collect(Collectors.joining(", ")));
  }
}
