package dev.appmetrics.dashboard.key;

import java.time.Instant;

/** A DSN key with the DSN an SDK is configured with: http://publicKey@host:port/projectId. */
public record KeyResponse(
    long id,
    long projectId,
    String label,
    String publicKey,
    String dsn,
    int rateLimitPerSecond,
    Instant createdAt,
    Instant revokedAt) {}
