package dev.appmetrics.query.support;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;

/** Calls the API as a tenant and reads answers with Jackson (RestAssured's JsonPath would round doubles to floats). */
public final class Api {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Api() {}

  public static JsonNode post(String path, Object body, String bearer, int status) {
    return checked(
        given()
            .header("Authorization", bearer)
            .contentType(ContentType.JSON)
            .body(body)
            .when()
            .post(path),
        status,
        path);
  }

  public static JsonNode get(String path, String bearer, int status) {
    return checked(given().header("Authorization", bearer).when().get(path), status, path);
  }

  private static JsonNode checked(Response response, int status, String request) {
    String answer = response.asString();
    assertEquals(
        status, response.statusCode(), () -> "status of " + abbreviate(request) + ": " + answer);
    return read(answer);
  }

  private static String abbreviate(String text) {
    return text.length() > 300 ? text.substring(0, 300) + "…" : text;
  }

  private static JsonNode read(String answer) {
    try {
      return JSON.readTree(answer);
    } catch (Exception e) {
      throw new AssertionError("Not JSON: " + answer, e);
    }
  }

  /** Equal bucket by bucket: both null, or within a relative 1e-9 (ClickHouse sums in another order). */
  public static void assertValues(List<Double> expected, JsonNode actual, String what) {
    assertEquals(expected.size(), actual.size(), what + ": number of buckets");
    for (int i = 0; i < expected.size(); i++) {
      Double e = expected.get(i);
      JsonNode a = actual.get(i);
      if (e == null) {
        assertTrue(a.isNull(), what + " bucket " + i + ": expected null but was " + a);
      } else {
        assertTrue(a.isNumber(), what + " bucket " + i + ": expected " + e + " but was " + a);
        assertEquals(e, a.asDouble(), Math.abs(e) * 1e-9 + 1e-12, what + " bucket " + i);
      }
    }
  }
}
