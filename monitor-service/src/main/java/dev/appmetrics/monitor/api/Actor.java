package dev.appmetrics.monitor.api;

import dev.appmetrics.common.auth.Caller;

/**
 * Who changed an issue, as its history records it: {@value #EVALUATION} for the monitor's own evaluations, and
 * {@code token:<id> (<name>)} for an API call, the token it came with ({@code token:<id>} for a token whose grant
 * carries no name).
 */
public final class Actor {

  public static final String EVALUATION = "evaluation";

  private Actor() {}

  public static String of(Caller caller) {
    String token = "token:" + caller.tokenId();
    return caller.tokenName() == null ? token : token + " (" + caller.tokenName() + ")";
  }
}
