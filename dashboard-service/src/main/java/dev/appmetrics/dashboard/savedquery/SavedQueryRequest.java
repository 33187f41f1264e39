package dev.appmetrics.dashboard.savedquery;

import dev.appmetrics.dashboard.document.SpecDocumentRequest;
import dev.appmetrics.dashboard.explorer.ExplorerQuery;

/** Body of create ("Save As, New Query") and update ("Save As, Existing Query", which needs the version read). */
public record SavedQueryRequest(String name, ExplorerQuery spec, Long version)
    implements SpecDocumentRequest<ExplorerQuery> {}
