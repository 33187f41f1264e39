package dev.appmetrics.dashboard.upstream;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * One of monitor-service's collections for the UI (monitors, channels, silences): list (with its page and size),
 * create, read, update, delete by a numeric id. A subclass names the collection with its {@code @Path} and adds what
 * else of it the UI reaches.
 */
public abstract class CollectionProxyResource {

  protected final MonitorServiceProxy proxy;

  protected CollectionProxyResource(MonitorServiceProxy proxy) {
    this.proxy = proxy;
  }

  @GET
  public Uni<Response> list(
      @Context UriInfo uri, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return proxy.send(HttpMethod.GET, uri, authorization, null);
  }

  @POST
  @Consumes(MediaType.WILDCARD)
  public Uni<Response> create(
      @Context UriInfo uri,
      byte[] body,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return proxy.send(HttpMethod.POST, uri, authorization, body);
  }

  @GET
  @Path("/{id: \\d+}")
  public Uni<Response> get(
      @Context UriInfo uri, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return proxy.send(HttpMethod.GET, uri, authorization, null);
  }

  @PUT
  @Path("/{id: \\d+}")
  @Consumes(MediaType.WILDCARD)
  public Uni<Response> update(
      @Context UriInfo uri,
      byte[] body,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return proxy.send(HttpMethod.PUT, uri, authorization, body);
  }

  @DELETE
  @Path("/{id: \\d+}")
  public Uni<Response> delete(
      @Context UriInfo uri, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return proxy.send(HttpMethod.DELETE, uri, authorization, null);
  }
}
