package dev.appmetrics.ingest.event;

/**
 * One metric as a protocol delivered it, before validation: the kind is still text, numbers may be anything.
 *
 * @param timestampMillis epoch milliseconds, or null when the protocol gave none (the time of receipt is used)
 * @param clientSampleRate null when the client sent none (1 is used)
 * @param unreadable why the protocol adapter could not read the item at all, or null; it is then rejected with it
 */
public record IncomingMetric(
    String name,
    String kind,
    Double value,
    String unit,
    Long timestampMillis,
    String traceId,
    String spanId,
    Double clientSampleRate,
    Attributes attributes,
    String unreadable) {

  public IncomingMetric(
      String name,
      String kind,
      Double value,
      String unit,
      Long timestampMillis,
      String traceId,
      String spanId,
      Double clientSampleRate,
      Attributes attributes) {
    this(
        name,
        kind,
        value,
        unit,
        timestampMillis,
        traceId,
        spanId,
        clientSampleRate,
        attributes,
        null);
  }

  /** An item that keeps its place in the request (so later indexes stay right) but is rejected with the reason. */
  public static IncomingMetric unreadable(String reason) {
    return new IncomingMetric(null, null, null, null, null, null, null, null, null, reason);
  }
}
