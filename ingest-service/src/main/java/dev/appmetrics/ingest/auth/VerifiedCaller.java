package dev.appmetrics.ingest.auth;

import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;

/** The caller {@link IngestAuthFilter} verified for this request, before its body was read. */
@RequestScoped
public class VerifiedCaller {

  private IngestCaller caller;

  void set(IngestCaller caller) {
    this.caller = caller;
  }

  /** Empty only for an envelope whose key travels in its own header. */
  public Optional<IngestCaller> get() {
    return Optional.ofNullable(caller);
  }

  /** The caller of an endpoint whose credential is never in the body. */
  public IngestCaller require() {
    return get()
        .orElseThrow(
            () -> new IllegalStateException("No caller was verified before the body was read"));
  }
}
