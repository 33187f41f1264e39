package dev.appmetrics.dashboard.board;

import dev.appmetrics.dashboard.document.SpecDocumentRequest;

/** Body of create and update; an update needs the version it read. */
public record DashboardRequest(String name, DashboardSpec spec, Long version)
    implements SpecDocumentRequest<DashboardSpec> {}
