package dev.appmetrics.common.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.function.IntSupplier;

/** Polls an HTTP status until it is the expected one, failing after a deadline (no fixed sleeps in tests). */
public final class Eventually {

  private Eventually() {}

  /** Fails the test unless {@code status} answers {@code expected} before the deadline. */
  public static void status(int expected, Duration deadline, IntSupplier status, String what)
      throws InterruptedException {
    long start = System.nanoTime();
    int last = -1;
    while (System.nanoTime() - start < deadline.toNanos()) {
      last = status.getAsInt();
      if (last == expected) {
        return;
      }
      Thread.sleep(100);
    }
    fail(what + ": still " + last + " instead of " + expected + " after " + deadline);
  }
}
