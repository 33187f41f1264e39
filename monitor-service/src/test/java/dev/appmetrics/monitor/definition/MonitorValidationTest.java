package dev.appmetrics.monitor.definition;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;

import dev.appmetrics.common.testing.GrantPublisher;
import dev.appmetrics.monitor.support.MetricRows;
import dev.appmetrics.monitor.support.QueryServiceProcess;
import dev.appmetrics.monitor.support.Specs;
import dev.appmetrics.monitor.support.Tenant;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each monitor issue 16 saw saved and then failing at every evaluation is refused on save with a 400 naming the field
 * in {@code details}, through the real query-service, and none is stored.
 */
@QuarkusTest
@WithTestResource(QueryServiceProcess.class)
class MonitorValidationTest {

  @Inject GrantPublisher grants;

  Tenant tenant;

  /** A spec modified as one row says, and the field its 400 must name. */
  record Invalid(String what, String spec, String field) {}

  @BeforeEach
  void tenantWithAGaugeAndACounter() throws Exception {
    tenant = Tenant.create(grants);
    Instant recent = Instant.now().minusSeconds(60);
    MetricRows.insert(
        tenant.organizationId(),
        tenant.projectId(),
        "valid.gauge",
        "gauge",
        List.of(new MetricRows.Point(recent, 5)));
    MetricRows.insert(
        tenant.organizationId(),
        tenant.projectId(),
        "valid.counter",
        "counter",
        List.of(new MetricRows.Point(recent, 1)));
    // The one stored monitor; it also waits until query-service knows the tenant, so the refusals
    // are real ones.
    tenant.createMonitor(valid());
  }

  private String valid() {
    return Specs.thresholdMonitor(tenant.projectId(), "valid.gauge", 100, List.of(), "30s");
  }

  private String withEquation(String expression) {
    return valid()
        .replace(
            "\"aggregate\": \"max\"}]",
            "\"aggregate\": \"max\"}, "
                + "{\"label\": \"B\", \"metric\": \"valid.gauge\", \"aggregate\": \"max\"}], "
                + "\"equations\": [{\"label\": \"f1\", \"expression\": \""
                + expression
                + "\"}]");
  }

  @Test
  void eachInvalidSpecOfTheIssueIsRefusedNamingItsFieldAndNothingIsStored() {
    List<Invalid> table =
        List.of(
            new Invalid(
                "unknown metric",
                valid().replace("\"metric\": \"valid.gauge\"", "\"metric\": \"no.such.metric\""),
                "query.queries[0].metric"),
            new Invalid(
                "p95 of a counter",
                valid()
                    .replace(
                        "\"metric\": \"valid.gauge\", \"aggregate\": \"max\"",
                        "\"metric\": \"valid.counter\", \"aggregate\": \"p95\""),
                "query.queries[0].aggregate"),
            new Invalid(
                "aggregate p96",
                valid().replace("\"aggregate\": \"max\"", "\"aggregate\": \"p96\""),
                "query.queries[0].aggregate"),
            new Invalid(
                "unbalanced equation", withEquation("(A + B"), "query.equations[0].expression"),
            new Invalid(
                "equation naming no query", withEquation("A / Z"), "query.equations[0].expression"),
            new Invalid(
                "filter without a value",
                valid()
                    .replace(
                        "\"aggregate\": \"max\"", "\"aggregate\": \"max\", \"filter\": \"route:\""),
                "query.queries[0].filter"),
            new Invalid(
                "30 days at 10 s",
                valid().replace("\"window\": \"30s\"", "\"window\": \"30d\""),
                "query.window"),
            new Invalid(
                "unknown project",
                valid()
                    .replace(
                        "\"projects\": [" + tenant.projectId() + "]", "\"projects\": [999999]"),
                "query.projects"),
            new Invalid(
                "interval 1 s",
                valid().replace("\"interval\": \"10s\"", "\"interval\": \"1s\""),
                "query.interval"));
    for (Invalid invalid : table) {
      tenant
          .api()
          .body(invalid.spec())
          .post("/api/v1/monitors")
          .then()
          .statusCode(400)
          .body("details.field", hasItem(invalid.field()));
    }
    tenant.api().get("/api/v1/monitors").then().statusCode(200).body("total", equalTo(1));
  }

  @Test
  void everyBadFieldIsListedAtOnce() {
    String spec =
        valid()
            .replace("\"window\": \"30s\"", "\"window\": \"1000d\"")
            .replace("\"critical\": 100.0", "\"critical\": \"NaN\"")
            .replace("\"every\": \"10s\"", "\"every\": \"1s\"")
            .replace("\"name\": \"spike on valid.gauge\"", "\"name\": \"\"");
    tenant
        .api()
        .body(spec)
        .post("/api/v1/monitors")
        .then()
        .statusCode(400)
        .body(
            "details.field",
            containsInAnyOrder("name", "query.window", "detection.critical", "evaluation.every"));
  }

  @Test
  void createsAnswer201InTheOpenApiDocument() {
    given()
        .queryParam("format", "json")
        .get("/q/openapi")
        .then()
        .statusCode(200)
        .body("paths.'/api/v1/monitors'.post.responses", hasKey("201"))
        .body("paths.'/api/v1/channels'.post.responses", hasKey("201"));
  }
}
