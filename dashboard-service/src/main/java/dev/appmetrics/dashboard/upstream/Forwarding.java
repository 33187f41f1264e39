package dev.appmetrics.dashboard.upstream;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

final class Forwarding {

  private Forwarding() {}

  /** The upstream's answer as this service's answer: same status, type and bytes. */
  static Response toResponse(Upstream.Forwarded forwarded) {
    return Response.status(forwarded.status())
        .type(forwarded.contentType() == null ? MediaType.APPLICATION_JSON : forwarded.contentType())
        .entity(forwarded.body().getBytes())
        .build();
  }
}
