package dev.appmetrics.query.trace;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appmetrics.common.auth.ApiAuthFilter;
import dev.appmetrics.common.auth.GrantPublisher;
import dev.appmetrics.common.clickhouse.ClickHouseClient;
import dev.appmetrics.query.support.Tenant;
import dev.appmetrics.query.trace.TraceRows.SpanRow;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The trace endpoints answer only for the caller's own projects, and a trace id never crosses projects. */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TraceIsolationTests {

  @Inject
  GrantPublisher grants;
  @Inject
  ClickHouseClient clickHouse;
  @Inject
  ObjectMapper json;
  @ConfigProperty(name = "appmetrics.internal-token")
  String internalToken;

  Tenant owner;
  Tenant stranger;
  final String traceId = TraceRows.randomTraceId();

  @BeforeAll
  void createTenants() throws Exception {
    owner = Tenant.create(grants);
    stranger = Tenant.create(grants);
    long start = Instant.now().minusSeconds(600).toEpochMilli();
    TraceRows.insert(clickHouse, json, "spans", List.of(new SpanRow(traceId, TraceRows.randomSpanId(), "", true,
        "http.server", "GET /", "/", "1.0", "prod", start, 10).row(owner.organizationId(), owner.projectId())));
  }

  List<Function<RequestSpecification, Response>> endpoints(long project) {
    return List.of(
        r -> r.get("/api/v1/traces/" + traceId + "?project=" + project),
        r -> r.contentType(ContentType.JSON).body(Map.of("project", project, "timestamp", Instant.now().toString(),
            "match", Map.of("release", "1.0"))).post("/api/v1/traces/comparable"),
        r -> r.contentType(ContentType.JSON).body(Map.of("project", project, "period", "1h",
            "conditions", List.of(Map.of("kind", "span", "op", "http.server")))).post("/api/v1/traces/search"));
  }

  @Test
  void everyTraceEndpointRefusesProjectsOfAnotherOrganization() {
    for (var endpoint : endpoints(owner.projectId())) {
      endpoint.apply(given().header("Authorization", stranger.bearer())).then().statusCode(403)
          .body("code", equalTo("forbidden"));
      endpoint.apply(given().header("Authorization", owner.bearer())).then().statusCode(200);
    }
  }

  @Test
  void everyTraceEndpointNeedsAToken() {
    for (var endpoint : endpoints(owner.projectId())) {
      endpoint.apply(given()).then().statusCode(401);
    }
  }

  @Test
  void theInternalTokenReadsTracesOnlyForTheOrganizationItNames() {
    for (var endpoint : endpoints(owner.projectId())) {
      endpoint.apply(given().header("Authorization", "Bearer " + internalToken)
          .header(ApiAuthFilter.ORGANIZATION_HEADER, owner.organizationId())).then().statusCode(200);
      endpoint.apply(given().header("Authorization", "Bearer " + internalToken)
          .header(ApiAuthFilter.ORGANIZATION_HEADER, stranger.organizationId())).then().statusCode(403);
    }
  }

  @Test
  void aTraceIdOfAnotherProjectIsNotFoundInYours() {
    given().header("Authorization", stranger.bearer())
        .get("/api/v1/traces/" + traceId + "?project=" + stranger.projectId())
        .then().statusCode(200).body("spans.size()", equalTo(0));
    given().header("Authorization", owner.bearer())
        .get("/api/v1/traces/" + traceId + "?project=" + owner.projectId())
        .then().statusCode(200).body("spans.size()", equalTo(1));
  }
}
