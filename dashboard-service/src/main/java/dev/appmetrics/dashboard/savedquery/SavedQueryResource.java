package dev.appmetrics.dashboard.savedquery;

import dev.appmetrics.common.auth.CurrentCaller;
import dev.appmetrics.dashboard.document.SpecDocumentResource;
import jakarta.ws.rs.Path;

@Path("/api/v1/saved-queries")
public class SavedQueryResource
    extends SpecDocumentResource<SavedQueryRequest, SavedQueryResponse> {

  public SavedQueryResource(SavedQueryService service, CurrentCaller caller) {
    super(service, caller);
  }
}
