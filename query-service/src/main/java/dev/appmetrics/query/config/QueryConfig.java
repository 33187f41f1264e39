package dev.appmetrics.query.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Limits of the query engine, the ClickHouse QUERY settings profile and the key that signs samples cursors. */
@ConfigMapping(prefix = "appmetrics.query")
public interface QueryConfig {

  /** ClickHouse's max_execution_time; the HTTP client waits a little longer (appmetrics.clickhouse.request-timeout). */
  @WithDefault("30s")
  Duration maxExecutionTime();

  /** ClickHouse's max_result_rows: a request whose answer would be larger fails with 400 instead of exhausting memory. */
  @WithDefault("500000")
  long maxResultRows();

  /** The longest time range a request may ask for. */
  @WithDefault("90d")
  Duration maxRange();

  /** The most buckets one series may have (range / interval). */
  @WithDefault("10000")
  int maxPoints();

  /**
   * Key of the HMAC that signs samples cursors; every replica needs the same one. No default: the service does not
   * start without it (application.properties gives one only to the dev and test profiles).
   */
  String cursorSecret();
}
