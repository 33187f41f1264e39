package dev.appmetrics.dashboard.savedquery;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.appmetrics.common.auth.Scope;
import dev.appmetrics.common.testing.GrantPublisher;
import dev.appmetrics.dashboard.explorer.TestOrganization;
import dev.appmetrics.dashboard.upstream.QueryServiceProcess;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Saved with their queries checked by the real query-service, the owner of the query model. */
@QuarkusTest
@WithTestResource(QueryServiceProcess.class)
class SavedQueryResourceTest {

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

  /** The Apdex page by region: three counts and an equation over them, over an absolute range. */
  String apdexSpec(long projectId) {
    return """
        {"projects": [%d], "start": "2026-11-25T10:00:00Z", "end": "2026-11-25T12:00:00Z", "interval": "1h",
         "queries": [
           {"label": "A", "metric": "checkout.latency", "aggregate": "count", "filter": "value:<100", "groupBy": ["region"]},
           {"label": "B", "metric": "checkout.latency", "aggregate": "count", "filter": "value:>200 value:<400", "groupBy": ["region"]},
           {"label": "C", "metric": "checkout.latency", "aggregate": "count", "groupBy": ["region"], "limit": 5, "order": "desc"}],
         "equations": [{"label": "f1", "expression": "(A + (B / 2)) / C"}],
         "compare": "previous_period"}
        """
        .formatted(projectId);
  }

  long create(TestOrganization owner, String name) {
    return given()
        .header("Authorization", owner.bearer())
        .contentType(ContentType.JSON)
        .body("{\"name\": \"" + name + "\", \"spec\": " + apdexSpec(owner.projectId()) + "}")
        .when()
        .post("/api/v1/saved-queries")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath()
        .getLong("id");
  }

  @Test
  void savesTheWholeExplorerStateAndReadsItBack() {
    long id = create(org, "Apdex");
    given()
        .header("Authorization", org.bearer())
        .when()
        .get("/api/v1/saved-queries/" + id)
        .then()
        .statusCode(200)
        .body("name", equalTo("Apdex"))
        .body("version", equalTo(0))
        .body("spec.projects", contains(org.projectId()))
        .body("spec.start", equalTo("2026-11-25T10:00:00Z"))
        .body("spec.period", nullValue())
        .body("spec.interval", equalTo("1h"))
        .body("spec.queries.label", contains("A", "B", "C"))
        .body("spec.queries[1].filter", equalTo("value:>200 value:<400"))
        .body("spec.queries[2].groupBy", contains("region"))
        .body("spec.queries[2].limit", equalTo(5))
        .body("spec.equations[0].expression", equalTo("(A + (B / 2)) / C"))
        .body("spec.compare", equalTo("previous_period"));
  }

  @Test
  void updateWithTheCurrentVersionSucceedsAndAStaleVersionGets409() {
    long id = create(org, "Apdex");
    String update =
        "{\"name\": \"Apdex v2\", \"version\": 0, \"spec\": " + apdexSpec(org.projectId()) + "}";
    given()
        .header("Authorization", org.bearer())
        .contentType(ContentType.JSON)
        .body(update)
        .when()
        .put("/api/v1/saved-queries/" + id)
        .then()
        .statusCode(200)
        .body("version", equalTo(1))
        .body("name", equalTo("Apdex v2"));

    given()
        .header("Authorization", org.bearer())
        .contentType(ContentType.JSON)
        .body(update.replace("Apdex v2", "Apdex v3"))
        .when()
        .put("/api/v1/saved-queries/" + id)
        .then()
        .statusCode(409)
        .body("code", equalTo("conflict"))
        .body("message", containsString("stored version is 1"));

    given()
        .header("Authorization", org.bearer())
        .when()
        .get("/api/v1/saved-queries/" + id)
        .then()
        .body("name", equalTo("Apdex v2"));
  }

  @Test
  void updateWithoutAVersionIsRejected() {
    long id = create(org, "Apdex");
    given()
        .header("Authorization", org.bearer())
        .contentType(ContentType.JSON)
        .body("{\"name\": \"Apdex\", \"spec\": " + apdexSpec(org.projectId()) + "}")
        .when()
        .put("/api/v1/saved-queries/" + id)
        .then()
        .statusCode(400)
        .body("details.field", contains("version"));
  }

  @Test
  void rejectsAnInvalidNameAndProjectTogether() {
    String spec =
        """
        {"projects": [%d, 424242], "period": "24h", "queries": [{"label": "A", "metric": "m", "aggregate": "count"}]}
        """
            .formatted(org.projectId());
    given()
        .header("Authorization", org.bearer())
        .contentType(ContentType.JSON)
        .body("{\"name\": \" \", \"spec\": " + spec + "}")
        .when()
        .post("/api/v1/saved-queries")
        .then()
        .statusCode(400)
        .body("code", equalTo("invalid_spec"))
        .body("details.field", contains("name", "spec.projects[1]"));
  }

  /** The query's own rules are query-service's: its 400 comes back under the saved query's field. */
  @Test
  void rejectsWhatQueryServiceWouldRefuseUnderTheSpecsField() {
    String unknownLabel =
        """
        {"projects": [%d], "period": "24h",
         "queries": [{"label": "A", "metric": "m", "aggregate": "count"}],
         "equations": [{"label": "f1", "expression": "A / Z"}]}
        """
            .formatted(org.projectId());
    given()
        .header("Authorization", org.bearer())
        .contentType(ContentType.JSON)
        .body("{\"name\": \"ratio\", \"spec\": " + unknownLabel + "}")
        .when()
        .post("/api/v1/saved-queries")
        .then()
        .statusCode(400)
        .body("details.field", contains("spec.equations[0].expression"))
        .body("details[0].reason", equalTo("uses the unknown label 'Z'"));

    String p96 = unknownLabel.replace("\"count\"", "\"p96\"").replace("A / Z", "A * 2");
    given()
        .header("Authorization", org.bearer())
        .contentType(ContentType.JSON)
        .body("{\"name\": \"p96\", \"spec\": " + p96 + "}")
        .when()
        .post("/api/v1/saved-queries")
        .then()
        .statusCode(400)
        .body("details.field", contains("spec.queries[0].aggregate"))
        .body("message", containsString("must be one of"));
  }

  @Test
  void rejectsMalformedJsonWithTheCommonErrorShape() {
    given()
        .header("Authorization", org.bearer())
        .contentType(ContentType.JSON)
        .body("{\"name\": ")
        .when()
        .post("/api/v1/saved-queries")
        .then()
        .statusCode(400)
        .body("status", equalTo(400))
        .body("message", notNullValue());
  }

  @Test
  void anotherOrganizationCanNeitherSeeNorChangeIt() throws InterruptedException {
    long id = create(org, "Private apdex");
    TestOrganization other = known(TestOrganization.create(grants));
    given()
        .header("Authorization", other.bearer())
        .when()
        .get("/api/v1/saved-queries/" + id)
        .then()
        .statusCode(403)
        .body("code", equalTo("forbidden"));
    given()
        .header("Authorization", other.bearer())
        .contentType(ContentType.JSON)
        .body("{\"name\": \"x\", \"version\": 0, \"spec\": " + apdexSpec(other.projectId()) + "}")
        .when()
        .put("/api/v1/saved-queries/" + id)
        .then()
        .statusCode(403);
    given()
        .header("Authorization", other.bearer())
        .when()
        .delete("/api/v1/saved-queries/" + id)
        .then()
        .statusCode(403);
    given()
        .header("Authorization", other.bearer())
        .when()
        .get("/api/v1/saved-queries")
        .then()
        .statusCode(200)
        .body("total", equalTo(0));
  }

  @Test
  void cannotSaveAQueryOverAnotherOrganizationsProject() {
    TestOrganization other = TestOrganization.create(grants);
    given()
        .header("Authorization", org.bearer())
        .contentType(ContentType.JSON)
        .body("{\"name\": \"x\", \"spec\": " + apdexSpec(other.projectId()) + "}")
        .when()
        .post("/api/v1/saved-queries")
        .then()
        .statusCode(400)
        .body("details.field", contains("spec.projects[0]"));
  }

  @Test
  void searchMatchesNamesCaseInsensitivelyAndPagesNewestFirst() {
    String marker = UUID.randomUUID().toString().substring(0, 8);
    create(org, "Checkout " + marker + " one");
    create(org, "checkout " + marker + " two");
    create(org, "Checkout " + marker + " three");
    create(org, "Unrelated 100%_done");
    given()
        .header("Authorization", org.bearer())
        .queryParam("search", "CHECKOUT " + marker.toUpperCase())
        .queryParam("limit", 2)
        .when()
        .get("/api/v1/saved-queries")
        .then()
        .statusCode(200)
        .body("total", equalTo(3))
        .body(
            "items.name", contains("Checkout " + marker + " three", "checkout " + marker + " two"));
    given()
        .header("Authorization", org.bearer())
        .queryParam("search", "checkout " + marker)
        .queryParam("limit", 2)
        .queryParam("offset", 2)
        .when()
        .get("/api/v1/saved-queries")
        .then()
        .body("items.name", contains("Checkout " + marker + " one"));
    // LIKE's wildcards in a search are plain characters: "%_" only finds the name that contains
    // them.
    given()
        .header("Authorization", org.bearer())
        .queryParam("search", "%_")
        .when()
        .get("/api/v1/saved-queries")
        .then()
        .body("items.name", contains("Unrelated 100%_done"));
  }

  @Test
  void aReadOnlyTokenListsButCannotSave() {
    TestOrganization reader = TestOrganization.create(grants, Scope.READ);
    given()
        .header("Authorization", reader.bearer())
        .when()
        .get("/api/v1/saved-queries")
        .then()
        .statusCode(200);
    given()
        .header("Authorization", reader.bearer())
        .contentType(ContentType.JSON)
        .body("{\"name\": \"x\", \"spec\": " + apdexSpec(reader.projectId()) + "}")
        .when()
        .post("/api/v1/saved-queries")
        .then()
        .statusCode(403);
  }

  @Test
  void deletedQueriesAreGone() {
    long id = create(org, "Short-lived");
    given()
        .header("Authorization", org.bearer())
        .when()
        .delete("/api/v1/saved-queries/" + id)
        .then()
        .statusCode(204);
    given()
        .header("Authorization", org.bearer())
        .when()
        .get("/api/v1/saved-queries/" + id)
        .then()
        .statusCode(404);
  }
}
