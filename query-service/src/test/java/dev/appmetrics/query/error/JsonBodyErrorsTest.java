package dev.appmetrics.query.error;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appmetrics.query.support.Tenant;
import dev.appmetrics.query.support.Tenants;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A body of the wrong JSON types answered 400 with an empty body (Quarkus's own mapper); every type error now names
 * its field in the common error shape, and no message names a Java class or a Jackson setting.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JsonBodyErrorsTest {

  static final ObjectMapper JSON = new ObjectMapper();

  /** What a message must never hold: packages, Jackson's backticked setting names, class-like dotted names. */
  static final Pattern INTERNALS =
      Pattern.compile("dev\\.appmetrics|java\\.|com\\.fasterxml|`|[A-Z][a-z]+[A-Z]\\w*\\.\\w+\\(");

  static final String QUERY = "{\"label\":\"A\",\"metric\":\"m\",\"aggregate\":\"count\"}";

  @Inject Tenants tenants;

  Tenant tenant;

  @BeforeAll
  void createTenant() {
    tenant = tenants.create();
  }

  JsonNode post(String path, String body) throws Exception {
    Response response =
        given()
            .header("Authorization", tenant.bearer())
            .contentType(ContentType.JSON)
            .body(body)
            .post(path);
    String answer = response.asString();
    assertEquals(400, response.statusCode(), answer);
    JsonNode error = JSON.readTree(answer);
    assertEquals(400, error.get("status").asInt(), answer);
    assertFalse(INTERNALS.matcher(error.get("message").asText()).find(), answer);
    return error;
  }

  String timeseries(String projects, String queries) {
    return "{\"projects\":" + projects + ",\"period\":\"1h\",\"queries\":" + queries + "}";
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "projects not a list     | `\"abc\"`             | `["
            + QUERY
            + "]`                                    | projects           | must be an array",
        "project id not a number | `[\"abc\"]`           | `["
            + QUERY
            + "]`                                    | projects[0]        | must be an integer",
        "project id too large    | `[99999999999999999999]` | `["
            + QUERY
            + "]`                                 | projects[0]        | is out of range for an integer",
        "query not an object     | `[1]`                 | `[1]`                                                | queries[0]         | must be an object",
        "label an object         | `[1]`                 | `[{\"label\":{}}]`                                   | queries[0].label   | must be a string",
        "limit a word            | `[1]`                 | `[{\"label\":\"A\",\"limit\":\"many\"}]`             | queries[0].limit   | must be an integer",
        "limit too large         | `[1]`                 | `[{\"label\":\"A\",\"limit\":99999999999}]`          | queries[0].limit   | is out of range for an integer",
        "groupBy a string        | `[1]`                 | `[{\"label\":\"A\",\"groupBy\":\"region\"}]`         | queries[0].groupBy | must be an array",
      })
  void aTimeseriesValueOfTheWrongTypeNamesItsField(
      String what, String projects, String queries, String field, String reason) throws Exception {
    JsonNode error = post("/api/v1/query/timeseries", timeseries(projects, queries));

    assertEquals("bad_request", error.get("code").asText());
    assertEquals("'" + field + "' " + reason, error.get("message").asText());
    assertEquals(field, error.get("details").get(0).get("field").asText());
    assertEquals(reason, error.get("details").get(0).get("reason").asText());
  }

  @Test
  void theOtherEndpointsNameTheirFieldsToo() throws Exception {
    assertEquals(
        "'limit' must be an integer",
        post(
                "/api/v1/query/samples",
                "{\"projects\":[1],\"metric\":\"m\",\"period\":\"1h\",\"limit\":true}")
            .get("message")
            .asText());
    assertEquals(
        "'conditions[0].durationMs.value' must be a number",
        post(
                "/api/v1/traces/search",
                "{\"project\":1,\"period\":\"1h\",\"conditions\":[{\"kind\":\"span\",\"durationMs\":{\"value\":\"slow\"}}]}")
            .get("message")
            .asText());
    assertEquals(
        "'match.release' must be a string",
        post(
                "/api/v1/traces/comparable",
                "{\"project\":1,\"timestamp\":\"2026-11-25T10:00:00Z\",\"match\":{\"release\":[1]}}")
            .get("message")
            .asText());
  }

  @Test
  void aBodyThatIsNoObjectSaysSo() throws Exception {
    assertEquals(
        "The request body must be a JSON object",
        post("/api/v1/query/timeseries", "[]").get("message").asText());
  }

  @Test
  void aFilterNestedBeyondJacksonsLimitIsMalformedJsonWithoutJacksonsSettingNames()
      throws Exception {
    String filter = "{\"not\":".repeat(1200) + "{\"has\":\"a\"}" + "}".repeat(1200);
    JsonNode error =
        post(
            "/api/v1/query/timeseries",
            timeseries(
                "[1]",
                "[{\"label\":\"A\",\"metric\":\"m\",\"aggregate\":\"count\",\"filter\":"
                    + filter
                    + "}]"));

    assertEquals("malformed_json", error.get("code").asText(), error.toString());
    assertEquals(
        "Malformed JSON: Document nesting depth (1001) exceeds the maximum allowed (1000)",
        error.get("message").asText());
  }

  @Test
  void brokenJsonSaysWhereWithoutTheSourceDescription() throws Exception {
    JsonNode error = post("/api/v1/query/timeseries", "{\"projects\":[1");

    assertEquals("malformed_json", error.get("code").asText(), error.toString());
    assertEquals(
        "Malformed JSON at line 1, column 15: Unexpected end-of-input: expected close marker for Array",
        error.get("message").asText());
  }
}
