package dev.appmetrics.common.clickhouse;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Where the ClickHouse HTTP interface is and how long we wait for it. */
@ConfigMapping(prefix = "appmetrics.clickhouse")
public interface ClickHouseConfig {

  /** Build-time switch read by {@code @IfBuildProperty}: only services that use ClickHouse get the client. */
  @WithDefault("false")
  boolean enabled();

  /**
   * Apply the schema migrations at start-up: true only in the schema's owner (ingest-service), so one kind of
   * service migrates and the others wait for the version they need ({@link ClickHouseMigrations#isApplied}).
   */
  @WithDefault("false")
  boolean migrateAtStart();

  /** Base URL of the HTTP interface, for example {@code http://127.0.0.1:8123}. */
  @WithDefault("http://127.0.0.1:8123")
  String url();

  @WithDefault("appmetrics")
  String database();

  @WithDefault("default")
  String user();

  Optional<String> password();

  /**
   * Cluster mode: the cluster's name in the servers' remote_servers. Migrations then create replicated
   * {@code <table>_local} tables ON CLUSTER and a Distributed table under each original name. Empty: one server.
   */
  Optional<String> cluster();

  /**
   * Pooled connections idle this long are closed by us, before a server's keep-alive timeout could close one just as
   * a request goes out on it. A server that announces its timeout (ClickHouse sends {@code Keep-Alive: timeout=N})
   * overrides this in Vert.x; reads closed that way are resent on a new connection ({@link ClickHouseClient#query}).
   * Whole seconds, at least 1.
   */
  @WithDefault("2s")
  Duration idleTimeout();

  /** A little above the server's own max_execution_time, so ClickHouse's error arrives first. */
  @WithDefault("35s")
  Duration requestTimeout();
}
