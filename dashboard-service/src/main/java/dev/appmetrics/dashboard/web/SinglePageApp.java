package dev.appmetrics.dashboard.web;

import dev.appmetrics.common.auth.Public;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The UI routes in the browser's history API: a shared link such as {@code /explorer?…} or a reload on
 * {@code /dashboards/7} gets the same index.html that {@code /} serves, and the app's router takes it from there.
 */
@Path("/")
@Public
public class SinglePageApp {

  static final String INDEX = "META-INF/resources/index.html";

  private final Vertx vertx;

  public SinglePageApp(Vertx vertx) {
    this.vertx = vertx;
  }

  @GET
  @Path("{page: explorer|dashboards|saved-queries|monitors|traces|sign-in}{rest: (/.*)?}")
  @Produces(MediaType.TEXT_HTML)
  public Uni<Response> page() {
    // The file system of Vert.x reads class-path resources, off the event loop.
    return vertx
        .fileSystem()
        .readFile(INDEX)
        .map(html -> Response.ok(html.getBytes()).header("Cache-Control", "no-cache").build())
        .onFailure()
        .recoverWithItem(
            Response.status(404).entity("The web UI was not built into this jar").build());
  }
}
