package dev.appmetrics.dashboard.upstream;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Where query-service answers; the UI's chart and catalog calls are forwarded there. */
@ConfigMapping(prefix = "appmetrics.query-service")
public interface QueryServiceConfig {

  @WithDefault("http://127.0.0.1:8082")
  String url();

  /** query-service's ClickHouse limit is 30 s; a little more lets its own error reach the browser first. */
  @WithDefault("40s")
  Duration timeout();

  @WithDefault("5s")
  Duration connectTimeout();
}
