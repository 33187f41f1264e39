package dev.appmetrics.dashboard.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** A resource outside /api/ that forgot about authentication, to show that the default is to deny it. */
@Path("/unmarked-probe")
public class UnmarkedResource {

  @GET
  public String secret() {
    return "nobody should read this without a token";
  }
}
