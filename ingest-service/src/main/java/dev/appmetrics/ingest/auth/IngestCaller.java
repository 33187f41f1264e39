package dev.appmetrics.ingest.auth;

/** Whom an ingest request is for, once its credential was verified. */
public record IngestCaller(long organizationId, long projectId, int rateLimitPerSecond) {}
