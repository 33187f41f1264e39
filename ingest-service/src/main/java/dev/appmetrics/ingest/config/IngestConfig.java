package dev.appmetrics.ingest.config;

import dev.appmetrics.ingest.event.MetricEvent;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import java.time.Duration;

/** Limits of what ingest accepts, the Kafka topic it writes and the ClickHouse writer that drains it. */
@ConfigMapping(prefix = "appmetrics.ingest")
public interface IngestConfig {

  Limits limits();

  /** Events per second per project when its DSN key names no limit of its own. */
  @WithDefault("200000")
  @Min(1)
  int defaultRateLimitPerSecond();

  Topic topic();

  Writer writer();

  Retention retention();

  /** What one request and one event may contain; Sentry's own limits are mirrored where it has them. */
  interface Limits {

    /** Largest request body, compressed or after decompression (413 above it). */
    @WithDefault("10485760")
    @Min(1024)
    int maxBodyBytes();

    /** Most metrics in one request (413 above it). */
    @WithDefault("10000")
    @Min(1)
    int maxItemsPerRequest();

    @WithDefault("200")
    @Min(1)
    int maxNameLength();

    @WithDefault("64")
    @Min(1)
    int maxUnitLength();

    @WithDefault("64")
    @Min(0)
    int maxAttributes();

    @WithDefault("128")
    @Min(1)
    int maxAttributeKeyLength();

    @WithDefault("1024")
    @Min(1)
    int maxAttributeValueLength();

    /** About Sentry's 2 KB per metric: name, unit, attribute keys and values together. */
    @WithDefault("4096")
    @Min(256)
    int maxMetricBytes();

    /**
     * Longest text of a span, log or error (description, body, exception value, attribute values): SQL statements
     * and stack traces are long, but not this long.
     */
    @WithDefault("65536")
    @Min(256)
    int maxTextLength();

    /** Most stack frames of one error (Sentry's SDKs send at most 250 per exception). */
    @WithDefault("500")
    @Min(1)
    int maxStackFrames();

    /** Older events would land in partitions retention has already dropped. */
    @WithDefault("30d")
    Duration maxAge();

    /** Tolerated clock skew of clients. */
    @WithDefault("1h")
    Duration maxFuture();

    /** Series remembered for converting OTLP cumulative sums to deltas; the oldest are forgotten first. */
    @WithDefault("100000")
    @Min(1)
    int maxCumulativeSeries();
  }

  interface Topic {

    /** The events topic; another name only keeps a benchmark's traffic away from the real topic's consumers. */
    @WithDefault(MetricEvent.TOPIC)
    String name();

    /**
     * Spans, logs and errors travel on {@code <prefix>.spans}, {@code <prefix>.logs} and {@code <prefix>.errors};
     * another prefix, like another name, only keeps a benchmark's traffic to itself.
     */
    @WithDefault("traces")
    String tracesPrefix();

    /** Partitions of each topic when ingest creates it; they bound the writer's parallelism. */
    @WithDefault("4")
    @Min(1)
    int partitions();

    /** The producer's compression.type (none, gzip, snappy, lz4, zstd): CPU in ingest and the writer against bytes in Kafka. */
    @WithDefault("lz4")
    String compression();
  }

  interface Writer {

    /** Off for a deployment that only accepts HTTP while a separate one (same image) writes to ClickHouse. */
    @WithDefault("true")
    boolean enabled();

    @WithDefault("ingest-clickhouse-writer")
    String consumerGroup();

    /** A batch is inserted when it holds this many rows... */
    @WithDefault("50000")
    @Min(1)
    int batchSize();

    /** ...or when its oldest row waited this long. */
    @WithDefault("1s")
    Duration batchTime();

    /** Wait between attempts while ClickHouse is down; the writer stops reading meanwhile (back-pressure). */
    @WithDefault("1s")
    Duration retryBackoff();
  }

  /** The job that drops expired partitions (docs/ingest.md, Retention). */
  interface Retention {

    /** Off where another deployment of ingest-service runs the job; two running it is harmless, only redundant. */
    @WithDefault("true")
    boolean enabled();

    /** Time between runs; the scheduler reads the key itself, so application.properties gives it. */
    Duration every();
  }
}
