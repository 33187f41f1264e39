package dev.appmetrics.common.testing.cycles.aside;

import dev.appmetrics.common.testing.cycles.left.Left;

/** Depends on the cycle without being part of it. */
public final class Aside {

  public Left left() {
    return new Left();
  }
}
