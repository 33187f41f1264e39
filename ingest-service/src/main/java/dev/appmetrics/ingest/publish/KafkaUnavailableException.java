package dev.appmetrics.ingest.publish;

/** Kafka did not acknowledge an event in time; the client is told to retry (503), nothing was promised. */
public class KafkaUnavailableException extends RuntimeException {

  public KafkaUnavailableException(Throwable cause) {
    super("Kafka did not acknowledge the events: " + cause.getMessage(), cause);
  }
}
