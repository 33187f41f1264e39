package dev.appmetrics.dashboard.upstream;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Where monitor-service answers; the UI's monitors, issues and channels are forwarded there. */
@ConfigMapping(prefix = "appmetrics.monitor-service")
public interface MonitorServiceConfig {

  @WithDefault("http://127.0.0.1:8083")
  String url();

  @WithDefault("10s")
  Duration timeout();

  @WithDefault("5s")
  Duration connectTimeout();
}
