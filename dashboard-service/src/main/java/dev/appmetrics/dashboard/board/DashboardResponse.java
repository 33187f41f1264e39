package dev.appmetrics.dashboard.board;

import java.time.Instant;

public record DashboardResponse(
    long id, String name, DashboardSpec spec, long version, Instant createdAt, Instant updatedAt) {}
