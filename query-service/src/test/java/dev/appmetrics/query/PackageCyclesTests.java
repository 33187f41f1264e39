package dev.appmetrics.query;

import dev.appmetrics.common.testing.PackageCycles;
import dev.appmetrics.query.config.QueryConfig;
import org.junit.jupiter.api.Test;

/** query-service's packages stay layered: none depends on another that depends on it (issue 15). */
class PackageCyclesTests {

  @Test
  void noPackageDependsOnOneThatDependsOnIt() {
    PackageCycles.assertNone(QueryConfig.class, "dev.appmetrics.query");
  }
}
