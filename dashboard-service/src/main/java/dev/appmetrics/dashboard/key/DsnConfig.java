package dev.appmetrics.dashboard.key;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How DSNs name the ingest endpoint SDKs send to. */
@ConfigMapping(prefix = "appmetrics.dsn")
public interface DsnConfig {

  /**
   * The ingest-service URL as clients reach it (scheme, host, port, no path), e.g. https://ingest.example.com;
   * a DSN puts the public key in front of the host and the project id after it.
   */
  @WithDefault("http://127.0.0.1:8081")
  String publicIngestUrl();
}
