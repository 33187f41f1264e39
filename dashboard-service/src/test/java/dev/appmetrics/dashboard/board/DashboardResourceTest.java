package dev.appmetrics.dashboard.board;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import dev.appmetrics.common.testing.GrantPublisher;
import dev.appmetrics.dashboard.explorer.TestOrganization;
import dev.appmetrics.dashboard.upstream.QueryServiceProcess;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Saved with their queries checked by the real query-service, the owner of the query model. */
@QuarkusTest
@WithTestResource(QueryServiceProcess.class)
class DashboardResourceTest {

  @Inject GrantPublisher grants;

  TestOrganization org;

  @BeforeEach
  void organization() throws InterruptedException {
    org = known(TestOrganization.create(grants));
  }

  /** query-service checks every save with the caller's token, once it has read the token's grant. */
  static TestOrganization known(TestOrganization organization) throws InterruptedException {
    QueryServiceProcess.awaitKnows(organization.token(), organization.projectId());
    return organization;
  }

  static String widget(String id, String display, String series, int y) {
    return """
        {"id": "%s", "title": "Apdex", "display": "%s", "series": "%s", "interval": "5m",
         "queries": [{"label": "A", "metric": "checkout.latency", "aggregate": "count", "filter": "value:<100"},
                     {"label": "C", "metric": "checkout.latency", "aggregate": "count"}],
         "equations": [{"label": "f1", "expression": "A / C"}],
         "layout": {"x": 0, "y": %d, "w": 6, "h": 4}}
        """
        .formatted(id, display, series, y);
  }

  String dashboard(String name, long projectId, String... widgets) {
    return """
        {"name": "%s", "spec": {"projects": [%d], "period": "24h", "filter": "region:eu", "widgets": [%s]}}
        """
        .formatted(name, projectId, String.join(",", widgets));
  }

  long create(TestOrganization owner, String body) {
    return given()
        .header("Authorization", owner.bearer())
        .contentType(ContentType.JSON)
        .body(body)
        .when()
        .post("/api/v1/dashboards")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath()
        .getLong("id");
  }

  @Test
  void storesWidgetsLayoutTimeRangeAndFilter() {
    long id =
        create(
            org,
            dashboard(
                "Checkout",
                org.projectId(),
                widget("w1", "line", "all", 0),
                widget("w2", "big_number", "f1", 4)));
    given()
        .header("Authorization", org.bearer())
        .when()
        .get("/api/v1/dashboards/" + id)
        .then()
        .statusCode(200)
        .body("name", equalTo("Checkout"))
        .body("spec.period", equalTo("24h"))
        .body("spec.filter", equalTo("region:eu"))
        .body("spec.widgets.id", contains("w1", "w2"))
        .body("spec.widgets.display", contains("line", "big_number"))
        .body("spec.widgets.series", contains("all", "f1"))
        .body("spec.widgets[1].layout.y", equalTo(4))
        .body("spec.widgets[0].equations[0].expression", equalTo("A / C"));
  }

  @Test
  void addingAWidgetWithAStaleVersionGets409() {
    long id = create(org, dashboard("Checkout", org.projectId(), widget("w1", "line", "all", 0)));
    String withTwo =
        dashboard(
                "Checkout",
                org.projectId(),
                widget("w1", "line", "all", 0),
                widget("w2", "area", "A", 4))
            .replaceFirst("\\{", "{\"version\": 0, ");
    given()
        .header("Authorization", org.bearer())
        .contentType(ContentType.JSON)
        .body(withTwo)
        .when()
        .put("/api/v1/dashboards/" + id)
        .then()
        .statusCode(200)
        .body("version", equalTo(1))
        .body("spec.widgets.id", contains("w1", "w2"));
    given()
        .header("Authorization", org.bearer())
        .contentType(ContentType.JSON)
        .body(withTwo)
        .when()
        .put("/api/v1/dashboards/" + id)
        .then()
        .statusCode(409)
        .body("code", equalTo("conflict"));
  }

  @Test
  void rejectsWidgetsThatCannotBeDrawnOrPlaced() {
    String badWidgets =
        String.join(
            ",",
            widget("w1", "pie", "all", 0),
            widget("w1", "line", "Z", 0),
            widget("w3", "table", "A", 0).replace("\"x\": 0", "\"x\": 8"));
    given()
        .header("Authorization", org.bearer())
        .contentType(ContentType.JSON)
        .body(dashboard("Broken", org.projectId(), badWidgets))
        .when()
        .post("/api/v1/dashboards")
        .then()
        .statusCode(400)
        .body("code", equalTo("invalid_spec"))
        .body(
            "details.field",
            hasItems(
                "spec.widgets[0].display",
                "spec.widgets[1].id",
                "spec.widgets[1].series",
                "spec.widgets[2].layout"));
  }

  @Test
  void aWidgetQueryServiceWouldRefuseIsNamedByItsPlace() {
    String groupedTooMuch =
        widget("w1", "line", "all", 0)
            .replace(
                "\"aggregate\": \"count\"}",
                "\"aggregate\": \"count\", \"groupBy\": [\"a\", \"b\", \"c\", \"d\", \"e\", \"f\"]}");
    given()
        .header("Authorization", org.bearer())
        .contentType(ContentType.JSON)
        .body(dashboard("Grouped", org.projectId(), widget("w0", "line", "all", 0), groupedTooMuch))
        .when()
        .post("/api/v1/dashboards")
        .then()
        .statusCode(400)
        .body("details.field", contains("spec.widgets[1].queries[1].groupBy"));
  }

  @Test
  void anotherOrganizationGets403AndDoesNotSeeItInTheList() throws InterruptedException {
    long id = create(org, dashboard("Private", org.projectId()));
    TestOrganization other = known(TestOrganization.create(grants));
    given()
        .header("Authorization", other.bearer())
        .when()
        .get("/api/v1/dashboards/" + id)
        .then()
        .statusCode(403);
    given()
        .header("Authorization", other.bearer())
        .contentType(ContentType.JSON)
        .body(dashboard("Taken", other.projectId()).replaceFirst("\\{", "{\"version\": 0, "))
        .when()
        .put("/api/v1/dashboards/" + id)
        .then()
        .statusCode(403);
    given()
        .header("Authorization", other.bearer())
        .when()
        .get("/api/v1/dashboards")
        .then()
        .statusCode(200)
        .body("total", equalTo(0));
    given()
        .header("Authorization", org.bearer())
        .when()
        .get("/api/v1/dashboards")
        .then()
        .statusCode(200)
        .body("items.name", contains("Private"));
  }

  @Test
  void withoutATokenTheApiIsClosed() {
    given().when().get("/api/v1/dashboards").then().statusCode(401);
  }
}
