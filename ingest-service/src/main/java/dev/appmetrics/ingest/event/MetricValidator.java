package dev.appmetrics.ingest.event;

import dev.appmetrics.common.event.MetricKind;
import dev.appmetrics.ingest.config.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns protocol-neutral metrics into canonical events, one verdict per item: a bad item is reported with its
 * index and reason and never fails its neighbours.
 */
@ApplicationScoped
public class MetricValidator {

  static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.]*");

  private final IngestConfig.Limits limits;
  private final Clock clock;

  @Inject
  public MetricValidator(IngestConfig config) {
    this(config.limits(), Clock.systemUTC());
  }

  MetricValidator(IngestConfig.Limits limits, Clock clock) {
    this.limits = limits;
    this.clock = clock;
  }

  /** How a protocol treats names outside {@code [A-Za-z0-9_.]}. */
  public enum Names {
    /** The native API is precise: such a name is rejected. */
    STRICT,
    /** Sentry SDKs and OTLP send free-form names; Sentry replaces other characters by '_', so do we. */
    NORMALIZE
  }

  public Validated validate(
      List<IncomingMetric> metrics, long organizationId, long projectId, Names names) {
    long now = clock.millis();
    List<MetricEvent> events = new ArrayList<>(metrics.size());
    List<Rejection> rejections = new ArrayList<>();
    for (int i = 0; i < metrics.size(); i++) {
      IncomingMetric metric = metrics.get(i);
      String name = metric == null || metric.name() == null ? null : name(metric.name(), names);
      Optional<MetricKind> kind =
          metric == null ? Optional.empty() : MetricKind.parse(metric.kind());
      Optional<String> problem = problem(metric, name, kind, now);
      if (problem.isPresent()) {
        rejections.add(new Rejection(i, problem.get()));
        continue;
      }
      events.add(
          new MetricEvent(
              organizationId,
              projectId,
              name,
              kind.orElseThrow(),
              metric.value(),
              metric.unit() == null ? "" : metric.unit(),
              metric.timestampMillis() == null ? now : metric.timestampMillis(),
              metric.traceId() == null ? "" : metric.traceId().toLowerCase(Locale.ROOT),
              metric.spanId() == null ? "" : metric.spanId().toLowerCase(Locale.ROOT),
              metric.clientSampleRate() == null ? 1.0 : metric.clientSampleRate(),
              metric.attributes() == null ? Attributes.EMPTY : metric.attributes(),
              now));
    }
    return new Validated(events, rejections);
  }

  /** Sentry's normalisation: every character outside {@code [A-Za-z0-9_.]} becomes '_'. */
  private static String name(String name, Names names) {
    if (names == Names.STRICT) {
      return name;
    }
    char[] normalized = null;
    for (int i = 0; i < name.length(); i++) {
      if (!isNameCharacter(name.charAt(i))) {
        normalized = normalized == null ? name.toCharArray() : normalized;
        normalized[i] = '_';
      }
    }
    return normalized == null ? name : new String(normalized);
  }

  private static boolean isLetter(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }

  private static boolean isNameCharacter(char c) {
    return isLetter(c) || (c >= '0' && c <= '9') || c == '_' || c == '.';
  }

  /** Matches {@link #NAME}, without a regex: this runs for every metric. */
  private static boolean isName(String name) {
    if (name.isEmpty() || !isLetter(name.charAt(0))) {
      return false;
    }
    for (int i = 1; i < name.length(); i++) {
      if (!isNameCharacter(name.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isPrintableAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) < 0x21 || text.charAt(i) > 0x7E) {
        return false;
      }
    }
    return true;
  }

  private Optional<String> problem(
      IncomingMetric metric, String name, Optional<MetricKind> kind, long now) {
    if (metric == null) {
      return Optional.of("the metric is null");
    }
    if (metric.unreadable() != null) {
      return Optional.of(metric.unreadable());
    }
    if (metric.name() == null || metric.name().isBlank()) {
      return Optional.of("name is missing");
    }
    if (name.length() > limits.maxNameLength()) {
      return Optional.of("name is longer than " + limits.maxNameLength() + " characters");
    }
    if (!isName(name)) {
      return Optional.of("name must match " + NAME.pattern());
    }
    if (kind.isEmpty()) {
      return Optional.of("type must be counter, gauge or distribution, not " + metric.kind());
    }
    if (metric.value() == null) {
      return Optional.of("value is missing or not a number");
    }
    if (!Double.isFinite(metric.value())) {
      return Optional.of("value must be a finite number, not " + metric.value());
    }
    if (metric.unit() != null && metric.unit().length() > limits.maxUnitLength()) {
      return Optional.of("unit is longer than " + limits.maxUnitLength() + " characters");
    }
    if (metric.unit() != null && !isPrintableAscii(metric.unit())) {
      return Optional.of("unit must be printable ASCII without spaces");
    }
    Optional<String> timeOrIds =
        Optional.ofNullable(metric.timestampMillis())
            .flatMap(timestamp -> EventRules.timestampProblem(timestamp, now, limits))
            .or(
                () ->
                    metric.traceId() == null || metric.traceId().isEmpty()
                        ? Optional.empty()
                        : EventRules.traceIdProblem(metric.traceId()))
            .or(() -> EventRules.spanIdProblem("span_id", metric.spanId()));
    if (timeOrIds.isPresent()) {
      return timeOrIds;
    }
    Double rate = metric.clientSampleRate();
    if (rate != null && !(rate > 0 && rate <= 1)) {
      return Optional.of("client_sample_rate must be in (0, 1], not " + rate);
    }
    return metric.attributes() == null
        ? Optional.empty()
        : attributeProblem(metric.attributes(), name, metric.unit());
  }

  private Optional<String> attributeProblem(Attributes attributes, String name, String unit) {
    Optional<String> problem =
        EventRules.attributeProblem(attributes, limits, limits.maxAttributeValueLength());
    if (problem.isPresent()) {
      return problem;
    }
    // A char is at most 3 UTF-8 bytes: the exact size is counted only when this bound exceeds the
    // limit.
    long atMostBytes = 3L * name.length() + (unit == null ? 0 : unit.length());
    for (Map<String, ?> typed : attributes.byType()) {
      for (Map.Entry<String, ?> attribute : typed.entrySet()) {
        atMostBytes +=
            3L * attribute.getKey().length()
                + (attribute.getValue() instanceof String s ? 3L * s.length() : 8);
      }
    }
    long bytes =
        atMostBytes <= limits.maxMetricBytes() ? atMostBytes : metricBytes(attributes, name, unit);
    if (bytes > limits.maxMetricBytes()) {
      return Optional.of(
          "the metric is "
              + bytes
              + " bytes with its attributes, at most "
              + limits.maxMetricBytes()
              + " are allowed");
    }
    return Optional.empty();
  }

  private static long metricBytes(Attributes attributes, String name, String unit) {
    long bytes = RowBinaryBuffer.utf8Length(name) + (unit == null ? 0 : unit.length());
    for (Map<String, ?> typed : attributes.byType()) {
      for (Map.Entry<String, ?> attribute : typed.entrySet()) {
        bytes +=
            RowBinaryBuffer.utf8Length(attribute.getKey())
                + (attribute.getValue() instanceof String s ? RowBinaryBuffer.utf8Length(s) : 8);
      }
    }
    return bytes;
  }
}
