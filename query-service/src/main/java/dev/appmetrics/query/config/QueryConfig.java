package dev.appmetrics.query.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Limits of the query engine, the ClickHouse QUERY settings profile, each organization's share of ClickHouse and the
 * key that signs samples cursors.
 */
@ConfigMapping(prefix = "appmetrics.query")
public interface QueryConfig {

  /** ClickHouse's max_execution_time; the HTTP client waits a little longer (appmetrics.clickhouse.request-timeout). */
  @WithDefault("30s")
  Duration maxExecutionTime();

  /** ClickHouse's max_result_rows: a request whose answer would be larger fails with 400 instead of exhausting memory. */
  @WithDefault("500000")
  long maxResultRows();

  /**
   * ClickHouse's max_memory_usage for each statement: one that needs more fails (a 400 saying so) instead of taking
   * the server's memory from every other tenant.
   */
  @WithDefault("2G")
  MemorySize maxMemoryUsage();

  /**
   * The most ClickHouse statements one organization may have running at once, over all its requests; a request
   * that finds them all taken gets a 429 with Retry-After. Each replica counts its own.
   */
  @WithDefault("8")
  int maxConcurrentStatements();

  /** The longest time range a request may ask for. */
  @WithDefault("90d")
  Duration maxRange();

  /**
   * The most rows of metric events a request with {@code "sampling": "auto"} may read: it reads the finest tier whose
   * estimated rows stay within it (docs/query.md, Downsampled tiers).
   */
  @WithDefault("2000000")
  long tierRowBudget();

  /** The most buckets one series may have (range / interval). */
  @WithDefault("10000")
  int maxPoints();

  /**
   * Rounds of the Explorer's three typical requests a new replica sends itself before it reports ready (SelfWarmUp),
   * so that its JIT has compiled the request path before the first user's request; 0 turns the warm-up off.
   */
  @WithDefault("300")
  int warmUpRounds();

  /**
   * Key of the HMAC that signs samples cursors; every replica needs the same one. No default: the service does not
   * start without it (application.properties gives one only to the dev and test profiles).
   */
  String cursorSecret();
}
