package dev.appmetrics.ingest.event;

/** Why the metric at {@code index} of a request (counted from 0) was not accepted. */
public record Rejection(int index, String reason) {}
