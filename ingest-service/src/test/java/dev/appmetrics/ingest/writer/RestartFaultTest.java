package dev.appmetrics.ingest.writer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appmetrics.common.clickhouse.ClickHouseClient;
import dev.appmetrics.ingest.support.AcknowledgingClients;
import dev.appmetrics.ingest.support.AcknowledgingClients.Destination;
import dev.appmetrics.ingest.support.TestProjects;
import dev.appmetrics.ingest.support.TestProjects.TestProject;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Nothing acknowledged is lost or doubled: while clients send metrics (native API) and spans (Sentry envelopes), this
 * test's own Kafka broker is restarted, then its own ClickHouse server; afterwards every acknowledged metric and span
 * is in ClickHouse exactly once.
 */
@QuarkusTest
@TestProfile(RestartFaultTest.OwnStackProfile.class)
class RestartFaultTest {

  /** Points ingest at a private broker and ClickHouse server that this test may restart. */
  public static class OwnStackProfile implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(new TestResourceEntry(OwnStack.class));
    }
  }

  @Inject TestProjects projects;

  @Inject ClickHouseClient clickHouse;

  @Test
  void everyAcknowledgedEventIsStoredExactlyOnceAcrossKafkaAndClickHouseRestarts()
      throws Exception {
    TestProject project = projects.create();
    OwnStack stack = OwnStack.current();
    AcknowledgingClients clients =
        AcknowledgingClients.start(
            4,
            () ->
                new Destination(
                    "http://127.0.0.1:" + RestAssured.port,
                    project.projectId(),
                    project.publicKey()));

    clients.awaitProgress(2_000);
    stack.stopKafka();
    Thread.sleep(OwnStack.restartPause().toMillis());
    stack.startKafka();
    clients.awaitProgress(2_000);
    stack.stopClickHouse();
    Thread.sleep(OwnStack.restartPause().toMillis());
    stack.startClickHouse();
    clients.awaitProgress(2_000);
    clients.stop();

    assertTrue(
        clients.acknowledgedMetrics() >= 3_000 && clients.acknowledgedSpans() >= 3_000,
        "the clients kept sending throughout");
    UnaryOperator<String> query =
        sql ->
            clickHouse.execute(sql, "fault-test", Map.of()).await().atMost(Duration.ofSeconds(30));
    clients.assertStoredExactlyOnce("metric_events", String.valueOf(project.projectId()), query);
    clients.assertStoredExactlyOnce("spans", String.valueOf(project.projectId()), query);
  }
}
