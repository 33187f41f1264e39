package dev.appmetrics.monitor.notification;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.appmetrics.monitor.detection.Severity;
import java.time.Instant;
import java.util.Map;

/**
 * One notification for one channel, as it travels on the Kafka topic {@value #TOPIC}. Its {@code id} is the delivery's
 * idempotency key: a redelivered record never reaches the receiver twice.
 */
public record Notification(
    String id, long organizationId, long channelId, Event event, Alert alert) {

  public static final String TOPIC = "monitor.notifications";

  public enum Event {
    /** An issue fired or changed severity (PagerDuty: trigger with the issue's dedup_key). */
    @JsonProperty("trigger")
    TRIGGER,
    /** An issue still critical {@code remindEvery} after channels last heard of it (PagerDuty: trigger again). */
    @JsonProperty("reminder")
    REMINDER,
    /** An issue resolved (PagerDuty: resolve with the same dedup_key). */
    @JsonProperty("resolve")
    RESOLVE,
    /** "Send test notification" on a channel. */
    @JsonProperty("test")
    TEST;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * What happened, in words and numbers; {@code issueId} and {@code monitorId} are null for a test. {@code evidence}
   * is what the evaluation behind it saw (null when a person's action sent it), {@code valueText} the value in its
   * unit as the last evaluation worded it ("2.12 s"), {@code lasted} how long the issue was (or has been) open
   * ("12.5 min"), {@code actor} the token whose call sent it ({@code token:<id> (<name>)}: a manual resolve, an
   * unmute, a monitor disabled, a test), null for an evaluation's.
   */
  public record Alert(
      Long issueId,
      Long monitorId,
      String monitorName,
      String status,
      Severity severity,
      Map<String, Object> group,
      Double value,
      String valueText,
      String message,
      String dedupKey,
      Instant at,
      Evidence evidence,
      String lasted,
      String actor) {

    public Alert withEvidence(Evidence found) {
      return new Alert(
          issueId,
          monitorId,
          monitorName,
          status,
          severity,
          group,
          value,
          valueText,
          message,
          dedupKey,
          at,
          found,
          lasted,
          actor);
    }
  }

  public Notification withAlert(Alert changed) {
    return new Notification(id, organizationId, channelId, event, changed);
  }
}
