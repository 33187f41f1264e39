package dev.appmetrics.monitor.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of monitor evaluation and notification delivery. */
@ConfigMapping(prefix = "appmetrics.monitor")
public interface MonitorConfig {

  /**
   * Whether channel targets may be loopback, private or link-local addresses. Off by default so a monitor cannot be
   * turned into a probe of the internal network; the local stack and the tests turn it on.
   */
  @WithDefault("false")
  boolean allowPrivateTargets();

  /**
   * Where people open the UI (dashboard-service): notifications link the Explorer at the breach window and the traces
   * of its events under it.
   */
  @WithDefault("http://localhost:8080")
  String publicUrl();

  Evaluation evaluation();

  Delivery delivery();

  Outbox outbox();

  interface Evaluation {
    /** How often each replica looks for due monitors; the scheduler reads it (a monitor's own period is its spec's). */
    @WithDefault("5s")
    Duration tick();

    /** How long a replica holds a monitor it evaluates; a crashed replica's monitors return after this. */
    @WithDefault("2m")
    Duration lease();

    /** At most this many due monitors are claimed per scheduler tick and replica. */
    @WithDefault("100")
    int batchSize();

    /** An evaluation that takes longer than this is abandoned (the query client has its own, shorter timeout). */
    @WithDefault("60s")
    Duration timeout();

    /**
     * After this many failed evaluations in a row (query-service refusing or not answering, a timeout) the monitor's
     * state is ERROR, with the last failure as its lastError; one success sets it back.
     */
    @WithDefault("3")
    int failuresBeforeError();

    /**
     * How long a trigger waits in the outbox for the sample events its evidence lists; a replica that dies before
     * adding them leaves it to be published without them after this.
     */
    @WithDefault("30s")
    Duration samplesWait();
  }

  interface Delivery {
    /** Attempts per notification and channel, the first included. */
    @WithDefault("6")
    int maxAttempts();

    /** Wait before the second attempt; each further wait doubles, up to {@link #maxBackoff()}. */
    @WithDefault("1s")
    Duration initialBackoff();

    @WithDefault("60s")
    Duration maxBackoff();

    /** A receiver that has not answered within this is counted as a failed attempt. */
    @WithDefault("10s")
    Duration requestTimeout();

    /**
     * How long past its next expected step (an attempt's answer, the end of a backoff) a pending delivery may go
     * without word from its replica before another replica resumes it.
     */
    @WithDefault("30s")
    Duration lease();

    /** How often each replica looks for pending deliveries whose lease ran out. */
    @WithDefault("5s")
    Duration resumeTick();

    /** At most this many stuck deliveries are resumed per tick and replica. */
    @WithDefault("100")
    int resumeBatchSize();
  }

  interface Outbox {
    /** How often each replica publishes the outbox's pending notifications to Kafka. */
    @WithDefault("1s")
    Duration tick();

    /** How long a replica holds the rows it publishes; a dead replica's rows are published again after this. */
    @WithDefault("10s")
    Duration claim();

    /** At most this many notifications are published per tick and replica. */
    @WithDefault("100")
    int batchSize();

    /** Published rows are kept this long (to look into), then deleted. */
    @WithDefault("1d")
    Duration retention();
  }
}
