package dev.appmetrics.dashboard.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appmetrics.dashboard.organization.Tenants;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Failures Quarkus answered with an empty body or the wrong status now come in the one error shape: a body of the
 * wrong JSON types names its field, a parameter that does not convert is a 400 (JAX-RS says 404), and a body declared
 * larger than the HTTP limit is a JSON 413.
 */
@QuarkusTest
class ErrorShapesTest {

  @TestHTTPResource("/")
  URL root;

  private static JsonPath badRequest(String admin, String path, String body) {
    return given()
        .header("Authorization", "Bearer " + admin)
        .contentType(ContentType.JSON)
        .body(body)
        .post(path)
        .then()
        .statusCode(400)
        .extract()
        .jsonPath();
  }

  @Test
  void aValueOfTheWrongTypeNamesItsField() {
    String admin =
        Tenants.createOrganization(Tenants.uniqueSlug("shapes")).getString("adminToken.token");

    JsonPath scopes = badRequest(admin, "/api/v1/tokens", "{\"name\":\"ci\",\"scopes\":\"read\"}");
    assertEquals("'scopes' must be an array", scopes.getString("message"));
    assertEquals("scopes", scopes.getString("details[0].field"));

    JsonPath name = badRequest(admin, "/api/v1/tokens", "{\"name\":{},\"scopes\":[\"read\"]}");
    assertEquals("'name' must be a string", name.getString("message"));
  }

  @Test
  void aQueryParameterThatIsNoNumberIsABadRequest() {
    String admin =
        Tenants.createOrganization(Tenants.uniqueSlug("shapes")).getString("adminToken.token");

    JsonPath error =
        given()
            .header("Authorization", "Bearer " + admin)
            .get("/api/v1/tokens?limit=abc")
            .then()
            .statusCode(400)
            .extract()
            .jsonPath();
    assertEquals("bad_request", error.getString("code"));
    assertTrue(error.getString("message").contains("abc"), error.prettify());
  }

  @Test
  void aBodyDeclaredAboveTheHttpLimitIsAJson413() throws Exception {
    try (Socket socket = new Socket(root.getHost(), root.getPort())) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /api/v1/tokens HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                  + "Content-Length: 50000000\r\n\r\n{")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      // The server closes the connection after its answer instead of reading the 50 MB it was
      // promised.
      String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);

      assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
      assertTrue(answer.contains("application/json"), answer);
      assertTrue(answer.contains("\"code\":\"body_too_large\""), answer);
    }
  }
}
