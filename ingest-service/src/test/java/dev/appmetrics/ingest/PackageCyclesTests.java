package dev.appmetrics.ingest;

import dev.appmetrics.common.testing.PackageCycles;
import dev.appmetrics.ingest.config.IngestConfig;
import org.junit.jupiter.api.Test;

/** ingest-service's packages stay layered: none depends on another that depends on it (issue 15). */
class PackageCyclesTests {

  @Test
  void noPackageDependsOnOneThatDependsOnIt() {
    PackageCycles.assertNone(IngestConfig.class, "dev.appmetrics.ingest");
  }
}
