package dev.appmetrics.ingest.event;

import java.util.List;

/** The outcome of validating one request: the events to publish and the items left out, each with its reason. */
public record Validated(List<MetricEvent> events, List<Rejection> rejections) {}
