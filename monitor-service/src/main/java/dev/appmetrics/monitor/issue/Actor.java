package dev.appmetrics.monitor.issue;

import dev.appmetrics.common.auth.Caller;

/**
 * Who changed an issue, as its history records it: {@value #EVALUATION} for the monitor's own evaluations, and
 * {@code token:<id>} for an API call, the id of the token it came with (the caller knows no token name).
 */
public final class Actor {

  public static final String EVALUATION = "evaluation";

  private Actor() {}

  public static String of(Caller caller) {
    return "token:" + caller.tokenId();
  }
}
