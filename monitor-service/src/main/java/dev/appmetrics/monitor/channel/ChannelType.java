package dev.appmetrics.monitor.channel;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/** Where notifications go: a Slack incoming webhook, PagerDuty Events API v2, an email webhook or any webhook. */
public enum ChannelType {
  @JsonProperty("slack")
  SLACK,
  @JsonProperty("pagerduty")
  PAGERDUTY,
  @JsonProperty("email")
  EMAIL,
  @JsonProperty("webhook")
  WEBHOOK;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ChannelType fromWireName(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
