package dev.appmetrics.ingest.trace;

/** Why the span, log or error at {@code index} among the request's items of that kind (from 0) was not accepted. */
public record TraceRejection(String item, int index, String reason) {}
