package dev.appmetrics.dashboard.project;

import java.time.Instant;

public record ProjectResponse(long id, long organizationId, String slug, String name, Instant createdAt) {}
