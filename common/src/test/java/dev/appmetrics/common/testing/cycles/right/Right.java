package dev.appmetrics.common.testing.cycles.right;

import dev.appmetrics.common.testing.cycles.left.Left;

/** The other half of the cycle PackageCyclesTests must find. */
public final class Right {

  public Left left() {
    return new Left();
  }
}
