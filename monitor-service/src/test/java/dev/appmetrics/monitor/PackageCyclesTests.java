package dev.appmetrics.monitor;

import dev.appmetrics.common.testing.PackageCycles;
import dev.appmetrics.monitor.config.MonitorConfig;
import org.junit.jupiter.api.Test;

/** monitor-service's packages stay layered: none depends on another that depends on it (issue 15). */
class PackageCyclesTests {

  @Test
  void noPackageDependsOnOneThatDependsOnIt() {
    PackageCycles.assertNone(MonitorConfig.class, "dev.appmetrics.monitor");
  }
}
