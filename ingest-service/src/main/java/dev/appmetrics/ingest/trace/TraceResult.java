package dev.appmetrics.ingest.trace;

import java.util.List;

/** What one request delivered to the trace tables: the rows Kafka acknowledged per kind and each item left out. */
public record TraceResult(int spans, int logs, int errors, List<TraceRejection> rejected) {

  public static final TraceResult NONE = new TraceResult(0, 0, 0, List.of());
}
