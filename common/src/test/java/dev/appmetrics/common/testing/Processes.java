package dev.appmetrics.common.testing;

import java.util.concurrent.TimeUnit;

/** Stopping the servers and services that tests start as processes of their own. */
public final class Processes {

  private Processes() {}

  /** TERM, then KILL after 30 s; nothing when the process was never started. */
  public static void stop(Process process) {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
