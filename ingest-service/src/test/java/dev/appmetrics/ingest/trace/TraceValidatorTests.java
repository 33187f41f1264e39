package dev.appmetrics.ingest.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.appmetrics.ingest.event.Attributes;
import dev.appmetrics.ingest.support.SmallLimits;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The limits of spans, logs and errors, with small limits (text 40, short fields 16, 2 frames). */
class TraceValidatorTests {

  private static final long NOW = 1_790_000_000_000L;
  private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
  private static final String SPAN = "b7ad6b7169203331";

  private final TraceValidator validator =
      new TraceValidator(new SmallLimits(), Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));

  private static SpanRow span(String description, String op, Attributes attributes) {
    return new SpanRow(
        1,
        2,
        TRACE,
        SPAN,
        "",
        SPAN,
        true,
        op,
        description,
        "ok",
        "t",
        "r",
        "e",
        NOW,
        NOW + 5,
        5.0,
        attributes,
        NOW);
  }

  private static ErrorRow error(String eventId, List<ErrorRow.Frame> frames) {
    return new ErrorRow(
        1, 2, eventId, TRACE, "", NOW, "error", "TypeError", "boom", frames, "r", "e", "t", NOW);
  }

  private List<String> verdicts(TraceRow... rows) {
    TraceValidator.Validated validated =
        validator.validate(List.of(rows).stream().map(TraceItem::of).toList());
    return validated.rejections().stream()
        .map(r -> r.item() + " " + r.index() + ": " + r.reason())
        .toList();
  }

  @Test
  void acceptsRowsWithinTheLimits() {
    ErrorRow.Frame frame = new ErrorRow.Frame("app.js", "main", 3, true);
    TraceValidator.Validated validated =
        validator.validate(
            List.of(
                TraceItem.of(span("d".repeat(40), "db", Attributes.EMPTY)),
                TraceItem.of(error("a".repeat(32), List.of(frame, frame)))));
    assertEquals(2, validated.rows().size());
    assertEquals(List.of(), validated.rejections());
  }

  @Test
  void boundsTextsShortFieldsAttributesAndFrames() {
    ErrorRow.Frame frame = new ErrorRow.Frame("app.js", "main", 3, true);
    assertEquals(
        List.of(
            "span 0: description is longer than 40 characters",
            "span 1: op is longer than 16 characters",
            "span 2: attribute 'sql' is longer than 40 characters",
            "error 0: the exception has 3 stack frames, at most 2 are allowed",
            "error 1: a frame's filename is longer than 16 characters",
            "error 2: event_id must be 32 hexadecimal characters"),
        verdicts(
            span("d".repeat(41), "db", Attributes.EMPTY),
            span("ok", "o".repeat(17), Attributes.EMPTY),
            span(
                "ok",
                "db",
                new Attributes(Map.of("sql", "s".repeat(41)), Map.of(), Map.of(), Map.of())),
            error("a".repeat(32), List.of(frame, frame, frame)),
            error("a".repeat(32), List.of(new ErrorRow.Frame("f".repeat(17), "main", 1, false))),
            error("not-an-id", List.of())));
  }

  @Test
  void appliesTheRetentionAndClockSkewOfMetrics() {
    SpanRow old =
        new SpanRow(
            1,
            2,
            TRACE,
            SPAN,
            "",
            "",
            false,
            "db",
            "q",
            "ok",
            "",
            "",
            "",
            NOW - 31L * 86_400_000,
            NOW - 31L * 86_400_000,
            0,
            Attributes.EMPTY,
            NOW);
    LogRow future =
        new LogRow(
            1, 2, TRACE, "", NOW + 2 * 3_600_000, "info", "b", "", "", Attributes.EMPTY, NOW);
    assertEquals(
        List.of(
            "span 0: timestamp is older than the retention of 30 days",
            "log 0: timestamp is more than 60 minutes in the future"),
        verdicts(old, future));
  }
}
