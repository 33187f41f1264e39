package dev.appmetrics.ingest.trace;

/**
 * One item a protocol read for a trace table: its row, or why it could not be read at all (it then keeps its place
 * among the items of its kind, so later indexes stay right, and is rejected with the reason).
 */
public record TraceItem(TraceTable table, TraceRow row, String unreadable) {

  public static TraceItem of(TraceRow row) {
    return new TraceItem(row.table(), row, null);
  }

  public static TraceItem unreadable(TraceTable table, String reason) {
    return new TraceItem(table, null, reason);
  }
}
