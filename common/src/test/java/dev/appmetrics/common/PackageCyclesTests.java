package dev.appmetrics.common;

import dev.appmetrics.common.kafka.Topics;
import dev.appmetrics.common.testing.PackageCycles;
import org.junit.jupiter.api.Test;

/** common's packages stay layered: none depends on another that depends on it (issue 15). */
class PackageCyclesTests {

  @Test
  void noPackageDependsOnOneThatDependsOnIt() {
    PackageCycles.assertNone(Topics.class, "dev.appmetrics.common");
  }
}
