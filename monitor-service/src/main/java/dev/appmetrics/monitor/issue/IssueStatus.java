package dev.appmetrics.monitor.issue;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/**
 * An issue's life: {@code pending} while the condition has not yet held for the required consecutive evaluations,
 * {@code firing} once it has (channels are notified), {@code resolved} when it clears or someone resolves it.
 */
public enum IssueStatus {
  @JsonProperty("pending")
  PENDING,
  @JsonProperty("firing")
  FIRING,
  @JsonProperty("resolved")
  RESOLVED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static IssueStatus fromWireName(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
