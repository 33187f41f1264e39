package dev.appmetrics.ingest.event;

import dev.appmetrics.common.event.Attributes;
import dev.appmetrics.common.event.MetricEvent;
import dev.appmetrics.common.event.MetricKind;
import dev.appmetrics.ingest.config.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
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
  private static final Pattern NOT_NAME_CHARACTER = Pattern.compile("[^A-Za-z0-9_.]");
  private static final Pattern UNIT = Pattern.compile("[\\x21-\\x7E]*");
  private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");
  private static final Pattern SPAN_ID = Pattern.compile("[0-9a-f]{16}");
  private static final String ZERO_TRACE = "0".repeat(32);

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

  public Validated validate(List<IncomingMetric> metrics, long organizationId, long projectId, Names names) {
    long now = clock.millis();
    List<MetricEvent> events = new ArrayList<>(metrics.size());
    List<Rejection> rejections = new ArrayList<>();
    for (int i = 0; i < metrics.size(); i++) {
      IncomingMetric metric = metrics.get(i);
      Optional<String> problem = problem(metric, names, now);
      if (problem.isPresent()) {
        rejections.add(new Rejection(i, problem.get()));
        continue;
      }
      events.add(new MetricEvent(organizationId, projectId, name(metric.name(), names), MetricKind.parse(metric.kind()).orElseThrow(),
          metric.value(), metric.unit() == null ? "" : metric.unit(),
          metric.timestampMillis() == null ? now : metric.timestampMillis(),
          metric.traceId() == null ? "" : metric.traceId().toLowerCase(Locale.ROOT),
          metric.spanId() == null ? "" : metric.spanId().toLowerCase(Locale.ROOT),
          metric.clientSampleRate() == null ? 1.0 : metric.clientSampleRate(),
          metric.attributes() == null ? Attributes.EMPTY : metric.attributes(), now));
    }
    return new Validated(events, rejections);
  }

  private static String name(String name, Names names) {
    return names == Names.NORMALIZE ? NOT_NAME_CHARACTER.matcher(name).replaceAll("_") : name;
  }

  private Optional<String> problem(IncomingMetric metric, Names names, long now) {
    if (metric == null) {
      return Optional.of("the metric is null");
    }
    if (metric.unreadable() != null) {
      return Optional.of(metric.unreadable());
    }
    if (metric.name() == null || metric.name().isBlank()) {
      return Optional.of("name is missing");
    }
    String name = name(metric.name(), names);
    if (name.length() > limits.maxNameLength()) {
      return Optional.of("name is longer than " + limits.maxNameLength() + " characters");
    }
    if (!NAME.matcher(name).matches()) {
      return Optional.of("name must match " + NAME.pattern());
    }
    if (MetricKind.parse(metric.kind()).isEmpty()) {
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
    if (metric.unit() != null && !UNIT.matcher(metric.unit()).matches()) {
      return Optional.of("unit must be printable ASCII without spaces");
    }
    if (metric.timestampMillis() != null) {
      if (metric.timestampMillis() < now - limits.maxAge().toMillis()) {
        return Optional.of("timestamp is older than the retention of " + limits.maxAge().toDays() + " days");
      }
      if (metric.timestampMillis() > now + limits.maxFuture().toMillis()) {
        return Optional.of("timestamp is more than " + limits.maxFuture().toMinutes() + " minutes in the future");
      }
    }
    if (metric.traceId() != null && !metric.traceId().isEmpty()
        && (!TRACE_ID.matcher(metric.traceId().toLowerCase(Locale.ROOT)).matches() || ZERO_TRACE.equals(metric.traceId()))) {
      return Optional.of("trace_id must be 32 hexadecimal characters, not all zero");
    }
    if (metric.spanId() != null && !metric.spanId().isEmpty()
        && !SPAN_ID.matcher(metric.spanId().toLowerCase(Locale.ROOT)).matches()) {
      return Optional.of("span_id must be 16 hexadecimal characters");
    }
    Double rate = metric.clientSampleRate();
    if (rate != null && !(rate > 0 && rate <= 1)) {
      return Optional.of("client_sample_rate must be in (0, 1], not " + rate);
    }
    return metric.attributes() == null ? Optional.empty() : attributeProblem(metric.attributes(), name, metric.unit());
  }

  private Optional<String> attributeProblem(Attributes attributes, String name, String unit) {
    if (attributes.size() > limits.maxAttributes()) {
      return Optional.of("has " + attributes.size() + " attributes, at most " + limits.maxAttributes() + " are allowed");
    }
    long bytes = utf8Length(name) + (unit == null ? 0 : unit.length());
    for (Map<String, ?> typed : List.of(attributes.strings(), attributes.integers(), attributes.doubles(), attributes.booleans())) {
      for (Map.Entry<String, ?> attribute : typed.entrySet()) {
        String key = attribute.getKey();
        if (key == null || key.isEmpty()) {
          return Optional.of("an attribute key is empty");
        }
        if (key.length() > limits.maxAttributeKeyLength()) {
          return Optional.of("attribute key '" + key.substring(0, Math.min(32, key.length())) + "…' is longer than " + limits.maxAttributeKeyLength() + " characters");
        }
        Object value = attribute.getValue();
        if (value == null) {
          return Optional.of("attribute '" + key + "' has no value");
        }
        if (value instanceof Double d && !Double.isFinite(d)) {
          return Optional.of("attribute '" + key + "' must be a finite number, not " + d);
        }
        if (value instanceof String s && s.length() > limits.maxAttributeValueLength()) {
          return Optional.of("attribute '" + key + "' is longer than " + limits.maxAttributeValueLength() + " characters");
        }
        bytes += utf8Length(key) + (value instanceof String s ? utf8Length(s) : 8);
      }
    }
    if (bytes > limits.maxMetricBytes()) {
      return Optional.of("the metric is " + bytes + " bytes with its attributes, at most " + limits.maxMetricBytes() + " are allowed");
    }
    return Optional.empty();
  }

  private static int utf8Length(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }
}
