package dev.appmetrics.ingest.auth;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/** Finds a DSN public key in every place Sentry SDKs and OTLP exporters put it. */
public final class SentryAuth {

  private SentryAuth() {}

  /** {@code Sentry sentry_key=abc, sentry_version=7} (X-Sentry-Auth or Authorization), case-insensitive prefix. */
  public static Optional<String> fromSentryHeader(String header) {
    if (header == null || !header.regionMatches(true, 0, "Sentry ", 0, 7)) {
      return Optional.empty();
    }
    for (String part : header.substring(7).split(",")) {
      String[] pair = part.strip().split("=", 2);
      if (pair.length == 2
          && pair[0].strip().equalsIgnoreCase("sentry_key")
          && !pair[1].isBlank()) {
        return Optional.of(pair[1].strip());
      }
    }
    return Optional.empty();
  }

  /** {@code Authorization}: {@code Sentry …}, {@code Basic base64(key:)} or {@code Bearer key}. */
  public static Optional<String> fromAuthorization(String header) {
    if (header == null) {
      return Optional.empty();
    }
    String lower = header.toLowerCase(Locale.ROOT);
    if (lower.startsWith("sentry ")) {
      return fromSentryHeader(header);
    }
    if (lower.startsWith("bearer ")) {
      return nonBlank(header.substring(7));
    }
    if (lower.startsWith("basic ")) {
      try {
        String decoded =
            new String(
                Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        return nonBlank(colon < 0 ? decoded : decoded.substring(0, colon));
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** The user part of a DSN {@code http://<key>@host/<projectId>} as sent in an envelope header. */
  public static Optional<String> fromDsn(String dsn) {
    if (dsn == null) {
      return Optional.empty();
    }
    try {
      String userInfo = URI.create(dsn).getUserInfo();
      if (userInfo == null) {
        return Optional.empty();
      }
      int colon = userInfo.indexOf(':');
      return nonBlank(colon < 0 ? userInfo : userInfo.substring(0, colon));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> nonBlank(String text) {
    return text == null || text.isBlank() ? Optional.empty() : Optional.of(text.strip());
  }
}
