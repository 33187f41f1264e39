package dev.appmetrics.dashboard.project;

import java.time.Instant;

/**
 * A project; {@code retentionDays} is how long its events are kept, {@code downsampledRetentionDays} how long their
 * downsampled tiers are (docs/control-plane.md, Retention).
 */
public record ProjectResponse(
    long id,
    long organizationId,
    String slug,
    String name,
    Instant createdAt,
    int retentionDays,
    int downsampledRetentionDays) {}
