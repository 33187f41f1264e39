package dev.appmetrics.dashboard;

import dev.appmetrics.common.testing.PackageCycles;
import dev.appmetrics.dashboard.web.SinglePageApp;
import org.junit.jupiter.api.Test;

/** dashboard-service's packages stay layered: none depends on another that depends on it (issue 15). */
class PackageCyclesTests {

  @Test
  void noPackageDependsOnOneThatDependsOnIt() {
    PackageCycles.assertNone(SinglePageApp.class, "dev.appmetrics.dashboard");
  }
}
