package dev.appmetrics.dashboard.organization;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import dev.appmetrics.dashboard.organization.Tenants.Tenant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OrganizationResourceTest {

  @Test
  void creatingAnOrganizationReturnsItsFirstAdminTokenWhichAdministersIt() {
    String slug = Tenants.uniqueSlug("acme");
    JsonPath created = Tenants.createOrganization(slug);
    String admin = created.getString("adminToken.token");

    given()
        .auth()
        .oauth2(admin)
        .when()
        .get("/api/v1/organizations/" + created.getLong("organization.id"))
        .then()
        .statusCode(200)
        .body("slug", equalTo(slug));
    given()
        .auth()
        .oauth2(admin)
        .when()
        .get("/api/v1/tokens")
        .then()
        .statusCode(200)
        .body("items", hasSize(1))
        .body("items[0].scopes", contains("admin"))
        .body("items[0].prefix", equalTo(admin.substring(0, 10)));
  }

  @Test
  void onlyTheBootstrapTokenCreatesOrganizations() {
    Tenant tenant = Tenants.create();
    String body = "{\"slug\":\"" + Tenants.uniqueSlug("other") + "\",\"name\":\"Other\"}";

    given()
        .auth()
        .oauth2(tenant.adminToken())
        .contentType(ContentType.JSON)
        .body(body)
        .when()
        .post("/api/v1/organizations")
        .then()
        .statusCode(403)
        .body("code", equalTo("forbidden"));
    given()
        .auth()
        .oauth2("amt_unknown")
        .contentType(ContentType.JSON)
        .body(body)
        .when()
        .post("/api/v1/organizations")
        .then()
        .statusCode(401);
    given()
        .contentType(ContentType.JSON)
        .body(body)
        .when()
        .post("/api/v1/organizations")
        .then()
        .statusCode(401);
  }

  @Test
  void theBootstrapTokenReachesNothingInsideAnOrganization() {
    Tenant tenant = Tenants.create();
    given()
        .auth()
        .oauth2(Tenants.bootstrapToken())
        .when()
        .get("/api/v1/projects/" + tenant.projectId())
        .then()
        .statusCode(401);
    given()
        .auth()
        .oauth2(Tenants.bootstrapToken())
        .when()
        .get("/api/v1/organizations/" + tenant.organizationId())
        .then()
        .statusCode(401);
  }

  @Test
  void aTakenSlugIsAConflict() {
    String slug = Tenants.uniqueSlug("dup");
    Tenants.createOrganization(slug);
    given()
        .auth()
        .oauth2(Tenants.bootstrapToken())
        .contentType(ContentType.JSON)
        .body("{\"slug\":\"" + slug + "\",\"name\":\"Again\"}")
        .when()
        .post("/api/v1/organizations")
        .then()
        .statusCode(409)
        .body("code", equalTo("conflict"));
  }

  @Test
  void rejectsASlugThatIsNotUrlSafe() {
    given()
        .auth()
        .oauth2(Tenants.bootstrapToken())
        .contentType(ContentType.JSON)
        .body("{\"slug\":\"Not A Slug\",\"name\":\"x\"}")
        .when()
        .post("/api/v1/organizations")
        .then()
        .statusCode(400)
        .body("code", equalTo("bad_request"));
  }

  @Test
  void thePlatformAdminFindsAnOrganizationBySlugAndMintsANewAdminTokenForIt() {
    Tenant tenant = Tenants.create();
    given()
        .auth()
        .oauth2(Tenants.bootstrapToken())
        .queryParam("slug", tenant.slug())
        .when()
        .get("/api/v1/organizations")
        .then()
        .statusCode(200)
        .body("total", equalTo(1))
        .body("items[0].id", equalTo((int) tenant.organizationId()));

    String minted =
        given()
            .auth()
            .oauth2(Tenants.bootstrapToken())
            .contentType(ContentType.JSON)
            .body("{\"name\":\"recovery\"}")
            .when()
            .post("/api/v1/organizations/" + tenant.organizationId() + "/admin-tokens")
            .then()
            .statusCode(201)
            .body("token", startsWith("amt_"))
            .extract()
            .path("token");
    given()
        .auth()
        .oauth2(minted)
        .when()
        .get("/api/v1/projects/" + tenant.projectId())
        .then()
        .statusCode(200);
  }
}
