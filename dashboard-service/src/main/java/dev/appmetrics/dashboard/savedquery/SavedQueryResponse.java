package dev.appmetrics.dashboard.savedquery;

import dev.appmetrics.dashboard.explorer.ExplorerQuery;
import java.time.Instant;

public record SavedQueryResponse(
    long id, String name, ExplorerQuery spec, long version, Instant createdAt, Instant updatedAt) {}
