package dev.appmetrics.monitor.issue;

import dev.appmetrics.monitor.api.Actor;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One entry of an issue's status history. */
@Entity
@Table(name = "issue_events")
public class IssueEvent extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "issue_id")
  public long issueId;

  public String status;

  public String severity;

  public Double value;

  public String message;

  public Instant at;

  /** Who made the change: {@link Actor}. */
  public String actor;

  static IssueEvent of(Issue issue, String message, Instant at, String actor) {
    IssueEvent event = new IssueEvent();
    event.issueId = issue.id;
    event.status = issue.status;
    event.severity = issue.severity;
    event.value = issue.lastValue;
    event.message = message;
    event.at = at;
    event.actor = actor;
    return event;
  }
}
