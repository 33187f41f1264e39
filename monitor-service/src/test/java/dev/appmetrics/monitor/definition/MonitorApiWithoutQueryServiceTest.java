package dev.appmetrics.monitor.definition;

import static org.hamcrest.Matchers.equalTo;

import dev.appmetrics.common.testing.GrantPublisher;
import dev.appmetrics.monitor.support.Specs;
import dev.appmetrics.monitor.support.Tenant;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A monitor whose query nobody could check is not stored: with query-service unreachable, saving answers 503. */
@QuarkusTest
@TestProfile(MonitorApiWithoutQueryServiceTest.Unreachable.class)
class MonitorApiWithoutQueryServiceTest {

  /** query-service's address is a loopback port nothing listens on. */
  public static class Unreachable implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      try (ServerSocket socket = new ServerSocket(0)) {
        return Map.of(
            "quarkus.rest-client.query-service.url",
            "http://127.0.0.1:" + socket.getLocalPort(),
            "quarkus.scheduler.enabled",
            "false");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Inject GrantPublisher grants;

  @Test
  void savingAMonitorAnswers503AndStoresNothing() {
    Tenant tenant = Tenant.create(grants);
    tenant
        .api()
        .body(Specs.thresholdMonitor(tenant.projectId(), "m", 1, List.of(), "30s"))
        .post("/api/v1/monitors")
        .then()
        .statusCode(503)
        .body("code", equalTo("service_unavailable"))
        .body(
            "message",
            equalTo(
                "query-service could not check the monitor's query, so the monitor was not saved; "
                    + "try again in a moment"));
    tenant.api().get("/api/v1/monitors").then().statusCode(200).body("total", equalTo(0));
  }
}
