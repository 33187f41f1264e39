package dev.appmetrics.monitor.query;

import dev.appmetrics.common.auth.ApiAuthFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The query API of query-service as the contract defines it; only {@link QueryClient} uses it. */
@RegisterRestClient(configKey = "query-service")
@Path("/api/v1/query")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
interface QueryRestClient {

  @POST
  @Path("/timeseries")
  Uni<TimeseriesResponse> timeseries(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam(ApiAuthFilter.ORGANIZATION_HEADER) long organizationId,
      TimeseriesRequest request);

  /** The same body as {@link #timeseries}, judged without being run: 200 with warnings, or 400 with the error JSON. */
  @POST
  @Path("/validate")
  Uni<ValidationResponse> validate(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam(ApiAuthFilter.ORGANIZATION_HEADER) long organizationId,
      TimeseriesRequest request);

  @POST
  @Path("/samples")
  Uni<SamplesResponse> samples(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam(ApiAuthFilter.ORGANIZATION_HEADER) long organizationId,
      SamplesRequest request);
}
