package dev.appmetrics.query.trace;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appmetrics.common.clickhouse.ClickHouseClient;
import dev.appmetrics.query.support.Tenant;
import dev.appmetrics.query.support.Tenants;
import dev.appmetrics.query.trace.TraceRows.SpanRow;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A trace id never crosses projects (the trace endpoints' organization checks are in access/IsolationTest, with
 * every other endpoint of this service).
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TraceProjectScopeTest {

  @Inject Tenants tenants;
  @Inject ClickHouseClient clickHouse;
  @Inject ObjectMapper json;

  Tenant owner;
  Tenant stranger;
  final String traceId = TraceRows.randomTraceId();

  @BeforeAll
  void createTenants() throws Exception {
    owner = tenants.create();
    stranger = tenants.create();
    long start = Instant.now().minusSeconds(600).toEpochMilli();
    TraceRows.insert(
        clickHouse,
        json,
        "spans",
        List.of(
            new SpanRow(
                    traceId,
                    TraceRows.randomSpanId(),
                    "",
                    true,
                    "http.server",
                    "GET /",
                    "/",
                    "1.0",
                    "prod",
                    start,
                    10)
                .row(owner.organizationId(), owner.projectId())));
  }

  @Test
  void aTraceIdOfAnotherProjectIsNotFoundInYours() {
    given()
        .header("Authorization", stranger.bearer())
        .get("/api/v1/traces/" + traceId + "?project=" + stranger.projectId())
        .then()
        .statusCode(200)
        .body("spans.size()", equalTo(0));
    given()
        .header("Authorization", owner.bearer())
        .get("/api/v1/traces/" + traceId + "?project=" + owner.projectId())
        .then()
        .statusCode(200)
        .body("spans.size()", equalTo(1));
  }
}
