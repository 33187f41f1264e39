package dev.appmetrics.common.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appmetrics.common.testing.cycles.aside.Aside;
import java.util.List;
import org.junit.jupiter.api.Test;

class PackageCyclesTests {

  private static final String ROOT = "dev.appmetrics.common.testing.cycles";

  @Test
  void namesTheTwoPackagesOfACycleAndTheClassesThatCloseIt() {
    List<String> cycles = PackageCycles.of(Aside.class, ROOT);

    assertEquals(1, cycles.size(), String.join("\n", cycles));
    String cycle = cycles.get(0);
    assertTrue(cycle.startsWith("  [" + ROOT + ".left, " + ROOT + ".right]:"), cycle);
    assertTrue(cycle.contains(ROOT + ".left -> " + ROOT + ".right: [Left -> Right]"), cycle);
    assertTrue(cycle.contains(ROOT + ".right -> " + ROOT + ".left: [Right -> Left]"), cycle);
    assertTrue(
        !cycle.contains(ROOT + ".aside"),
        "a package that only depends on the cycle is not in it: " + cycle);
  }

  @Test
  void failsWhenThereIsACycleAndPassesBelowIt() {
    assertThrows(AssertionError.class, () -> PackageCycles.assertNone(Aside.class, ROOT));
    PackageCycles.assertNone(Aside.class, ROOT + ".left");
  }
}
