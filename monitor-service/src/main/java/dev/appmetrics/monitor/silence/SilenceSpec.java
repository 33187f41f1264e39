package dev.appmetrics.monitor.silence;

import dev.appmetrics.monitor.api.Problems;
import dev.appmetrics.monitor.definition.Monitor;
import dev.appmetrics.monitor.definition.MonitorSpec;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a silence covers and when. Scope: the {@code monitors} named, or every monitor reading {@code project}, or,
 * with neither, every monitor of the organization; {@code match} narrows it to the groups with those attribute values.
 * Time: from {@code startsAt} (default: when saved) to {@code endsAt} (its expiry), and, for a maintenance window,
 * only during the occurrences of its {@code recurrence}. A silence must end: {@code endsAt} is required without a
 * recurrence.
 */
public record SilenceSpec(
    String comment,
    List<Long> monitors,
    Long project,
    String match,
    String startsAt,
    String endsAt,
    Recurrence recurrence) {

  private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");

  /** The spec with {@code startsAt} filled in, or a 400 naming each bad field. */
  public SilenceSpec validated(Instant now) {
    return Problems.require(
        problems -> {
          if (comment != null && comment.length() > 500) {
            problems.add("comment", "comment is at most 500 characters");
          }
          if (monitors != null
              && (monitors.size() > 1000 || monitors.stream().anyMatch(Objects::isNull))) {
            problems.add("monitors", "monitors is a list of at most 1000 monitor ids");
          }
          if (match != null) {
            problems.check(
                "match",
                () -> {
                  try {
                    return GroupMatcher.parse(match);
                  } catch (IllegalArgumentException e) {
                    throw Problems.of(
                        "match",
                        "match must be attribute:value terms like 'route:/checkout region:eu': "
                            + e.getMessage());
                  }
                });
          }
          Instant start = startsAt == null ? now : instant("startsAt", startsAt, problems);
          Instant end = endsAt == null ? null : instant("endsAt", endsAt, problems);
          if (end == null && endsAt == null && recurrence == null) {
            problems.add(
                "endsAt",
                "endsAt is required: a silence expires (a maintenance window may recur instead)");
          } else if (start != null && end != null && !end.isAfter(start)) {
            problems.add("endsAt", "endsAt must be after startsAt");
          }
          Recurrence checked = recurrence == null ? null : recurrence.validated(problems);
          return new SilenceSpec(
              comment,
              monitors == null ? List.of() : List.copyOf(monitors),
              project,
              match,
              start == null ? startsAt : start.toString(),
              endsAt,
              checked);
        });
  }

  /** Whether the silence covers this monitor (its spec tells the projects it reads). */
  boolean covers(Monitor monitor, MonitorSpec spec) {
    if (!monitors.isEmpty()) {
      return monitors.contains(monitor.id);
    }
    return project == null || spec.query().projects().contains(project);
  }

  /** Whether it holds notifications at {@code at}. */
  boolean activeAt(Instant at) {
    Instant start = Instant.parse(startsAt);
    return !at.isBefore(start)
        && (endsAt == null || at.isBefore(Instant.parse(endsAt)))
        && (recurrence == null || recurrence.covers(at, start));
  }

  boolean matches(Map<String, Object> group) {
    return match == null || GroupMatcher.parse(match).matches(group);
  }

  private static Instant instant(String field, String text, Problems problems) {
    try {
      Instant instant = Instant.parse(text);
      if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
        problems.add(field, field + " must be between " + EARLIEST + " and " + LATEST);
        return null;
      }
      return instant;
    } catch (DateTimeParseException e) {
      problems.add(
          field,
          field + " must be an ISO-8601 instant such as 2026-12-01T18:00:00Z, not '" + text + "'");
      return null;
    }
  }
}
