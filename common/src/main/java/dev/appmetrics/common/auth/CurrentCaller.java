package dev.appmetrics.common.auth;

import dev.appmetrics.common.error.ApiException;
import jakarta.enterprise.context.RequestScoped;

/** The authenticated caller of the current request, set by {@link ApiAuthFilter}. */
@RequestScoped
public class CurrentCaller {

  private Caller caller;

  void set(Caller caller) {
    this.caller = caller;
  }

  public Caller get() {
    if (caller == null) {
      throw ApiException.unauthorized("No credential was verified for this request");
    }
    return caller;
  }
}
