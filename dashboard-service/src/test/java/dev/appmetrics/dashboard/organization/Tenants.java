package dev.appmetrics.dashboard.organization;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Test organizations made through the real API, each with unique slugs so that tests of several engineers can
 * share one PostgreSQL and one topic.
 */
public final class Tenants {

  private Tenants() {}

  /** An organization with its admin token, one project, one DSN key of it and one read-only token. */
  public record Tenant(
      long organizationId,
      String slug,
      String adminToken,
      long projectId,
      String projectSlug,
      long keyId,
      String publicKey,
      long readTokenId,
      String readToken) {}

  public static String bootstrapToken() {
    return ConfigProvider.getConfig().getValue("appmetrics.bootstrap-token", String.class);
  }

  public static String uniqueSlug(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 12);
  }

  /** Creates an organization with the bootstrap token; returns the whole creation response. */
  public static JsonPath createOrganization(String slug) {
    return given()
        .auth()
        .oauth2(bootstrapToken())
        .contentType(ContentType.JSON)
        .body("{\"slug\":\"" + slug + "\",\"name\":\"Org " + slug + "\"}")
        .when()
        .post("/api/v1/organizations")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath();
  }

  public static Tenant create() {
    String slug = uniqueSlug("org");
    JsonPath organization = createOrganization(slug);
    long organizationId = organization.getLong("organization.id");
    String admin = organization.getString("adminToken.token");
    String projectSlug = uniqueSlug("project");
    long projectId =
        given()
            .auth()
            .oauth2(admin)
            .contentType(ContentType.JSON)
            .body("{\"slug\":\"" + projectSlug + "\",\"name\":\"Project " + projectSlug + "\"}")
            .when()
            .post("/api/v1/projects")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getLong("id");
    JsonPath key =
        given()
            .auth()
            .oauth2(admin)
            .contentType(ContentType.JSON)
            .body("{\"label\":\"default\"}")
            .when()
            .post("/api/v1/projects/" + projectId + "/keys")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    JsonPath read = createToken(admin, "reader", "read");
    return new Tenant(
        organizationId,
        slug,
        admin,
        projectId,
        projectSlug,
        key.getLong("id"),
        key.getString("publicKey"),
        read.getLong("id"),
        read.getString("token"));
  }

  /** Creates a token with the given scopes (wire names) using an admin token; returns the creation response. */
  public static JsonPath createToken(String adminToken, String name, String... scopes) {
    String scopeList = String.join("\",\"", scopes);
    return given()
        .auth()
        .oauth2(adminToken)
        .contentType(ContentType.JSON)
        .body("{\"name\":\"" + name + "\",\"scopes\":[\"" + scopeList + "\"]}")
        .when()
        .post("/api/v1/tokens")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath();
  }
}
