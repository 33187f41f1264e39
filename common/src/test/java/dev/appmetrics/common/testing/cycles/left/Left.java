package dev.appmetrics.common.testing.cycles.left;

import dev.appmetrics.common.testing.cycles.right.Right;

/** Half of the cycle PackageCyclesTests must find. */
public final class Left {

  public Right right() {
    return new Right();
  }
}
