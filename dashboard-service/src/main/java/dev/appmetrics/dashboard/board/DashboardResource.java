package dev.appmetrics.dashboard.board;

import dev.appmetrics.common.auth.CurrentCaller;
import dev.appmetrics.dashboard.document.SpecDocumentResource;
import jakarta.ws.rs.Path;

@Path("/api/v1/dashboards")
public class DashboardResource extends SpecDocumentResource<DashboardRequest, DashboardResponse> {

  public DashboardResource(DashboardService service, CurrentCaller caller) {
    super(service, caller);
  }
}
