package dev.appmetrics.dashboard.key;

import java.net.URI;

/** Builds Sentry-style DSNs: the public key as the URL's user, the project id as its path. */
final class Dsn {

  private Dsn() {}

  static String of(String publicIngestUrl, String publicKey, long projectId) {
    URI ingest = URI.create(publicIngestUrl);
    String port = ingest.getPort() < 0 ? "" : ":" + ingest.getPort();
    return ingest.getScheme() + "://" + publicKey + "@" + ingest.getHost() + port + "/" + projectId;
  }
}
