package dev.appmetrics.dashboard.organization;

import java.time.Instant;

public record OrganizationResponse(long id, String slug, String name, Instant createdAt) {}
