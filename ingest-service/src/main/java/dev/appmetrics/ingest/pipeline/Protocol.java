package dev.appmetrics.ingest.pipeline;

import java.util.Locale;

/** The door a metric came in by, as a tag on the ingest counters. */
public enum Protocol {
  SENTRY_ENVELOPE,
  OTLP,
  NATIVE;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
