package dev.appmetrics.ingest.envelope;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appmetrics.ingest.support.StoredEvents;
import dev.appmetrics.ingest.support.TestProjects;
import dev.appmetrics.ingest.support.TestProjects.TestProject;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** Sentry's envelope endpoint: what real SDKs send, every way they authenticate, and every way a body can be wrong. */
@QuarkusTest
class EnvelopeResourceTest {

  /** Recorded from the unchanged SDK; a test resource, so the test reads nothing outside the repository. */
  private static final String FIXTURE = "/fixtures/sentry-node-11.12-envelopes.txt";

  private static final String TRACE = "9d9d7ed5834644e19259ccfd8f6a7253";

  @Inject TestProjects projects;

  @Inject StoredEvents stored;

  @Inject ObjectMapper json;

  private static String envelope(String... metricItems) {
    double now = System.currentTimeMillis() / 1000.0;
    String items = String.join(",", metricItems).replace("\"NOW\"", Double.toString(now));
    return "{\"sdk\":{\"name\":\"test\"}}\n"
        + "{\"type\":\"trace_metric\",\"item_count\":1,\"content_type\":\"application/vnd.sentry.items.trace-metric+json\"}\n"
        + "{\"version\":2,\"items\":["
        + items
        + "]}\n";
  }

  private static String counter(String name, String value) {
    return "{\"timestamp\":\"NOW\",\"trace_id\":\""
        + TRACE
        + "\",\"span_id\":\"b249d581ccc080e5\",\"name\":\""
        + name
        + "\",\"type\":\"counter\",\"value\":"
        + value
        + "}";
  }

  private String path(TestProject project) {
    return "/api/" + project.projectId() + "/envelope/";
  }

  @Test
  void storesTheTraceMetricsOfRecordedNodeSdkEnvelopesSentChunkedAndSkipsOtherItems()
      throws Exception {
    TestProject project = projects.create();
    List<String> bodies = fixtureEnvelopes(project);
    List<JsonNode> expected = new ArrayList<>();
    HttpClient http = HttpClient.newHttpClient();
    for (String body : bodies) {
      // An InputStream publisher has no length: the body goes chunked, as the Node SDK sends it.
      HttpRequest request =
          HttpRequest.newBuilder(
                  URI.create(
                      "http://127.0.0.1:"
                          + RestAssured.port
                          + path(project)
                          + "?sentry_version=7&sentry_key="
                          + project.publicKey()
                          + "&sentry_client=sentry.javascript.node%2F11.12.0"))
              .POST(
                  HttpRequest.BodyPublishers.ofInputStream(
                      () -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))))
              .build();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      assertEquals(200, response.statusCode(), response.body());
      String[] lines = body.split("\n");
      for (int i = 1; i + 1 < lines.length; i += 2) {
        if (lines[i].contains("\"trace_metric\"")) {
          json.readTree(lines[i + 1]).get("items").forEach(expected::add);
        }
      }
    }
    assertEquals(6, expected.size());
    List<JsonNode> rows = stored.await(project.projectId(), expected.size());
    assertEquals(expected.size(), rows.size());
    List<String> want =
        expected.stream()
            .map(
                e ->
                    e.get("name").asText()
                        + "|"
                        + e.get("type").asText()
                        + "|"
                        + e.get("value").asDouble()
                        + "|"
                        + e.path("unit").asText("")
                        + "|"
                        + Math.round(e.get("timestamp").asDouble() * 1000))
            .sorted()
            .toList();
    List<String> got =
        rows.stream()
            .map(
                r ->
                    r.get("metric_name").asText()
                        + "|"
                        + r.get("metric_kind").asText()
                        + "|"
                        + r.get("value").asDouble()
                        + "|"
                        + r.get("unit").asText()
                        + "|"
                        + r.get("timestamp_ms").asLong())
            .sorted()
            .toList();
    assertEquals(want, got);
    rows.forEach(r -> assertEquals(TRACE, r.get("trace_id").asText()));
  }

  private static List<String> fixtureLines() throws IOException {
    try (InputStream in = EnvelopeResourceTest.class.getResourceAsStream(FIXTURE)) {
      if (in == null) {
        throw new IllegalStateException("test resource " + FIXTURE + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }

  /** The recorded envelopes, re-addressed to the test project and moved to the present (retention is 30 days). */
  private List<String> fixtureEnvelopes(TestProject project) throws Exception {
    List<String> bodies = new ArrayList<>();
    StringBuilder current = null;
    for (String line : fixtureLines()) {
      if (line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("=== ")) {
        if (current != null) {
          bodies.add(current.toString());
        }
        current = new StringBuilder();
        continue;
      }
      current.append(line).append('\n');
    }
    bodies.add(current.toString());
    long shift = System.currentTimeMillis() / 1000 - 1795535431L;
    Matcher timestamps = Pattern.compile("\"timestamp\":(\\d+)(\\.\\d+)?").matcher("");
    List<String> shifted = new ArrayList<>();
    for (String body : bodies) {
      StringBuilder out = new StringBuilder();
      timestamps.reset(body);
      while (timestamps.find()) {
        String fraction = timestamps.group(2) == null ? "" : timestamps.group(2);
        timestamps.appendReplacement(
            out, "\"timestamp\":" + (Long.parseLong(timestamps.group(1)) + shift) + fraction);
      }
      timestamps.appendTail(out);
      shifted.add(out.toString().replace("abc123", project.publicKey()));
    }
    return shifted;
  }

  @Test
  void acceptsEveryWayTheSdksSendTheKey() {
    TestProject project = projects.create();
    String body = envelope(counter("auth.forms", "1"));
    given()
        .header(
            "X-Sentry-Auth",
            "Sentry sentry_version=7, sentry_key=" + project.publicKey() + ", sentry_client=x")
        .body(body)
        .post(path(project))
        .then()
        .statusCode(200)
        .body("accepted", equalTo(1));
    given()
        .header("Authorization", "Sentry sentry_key=" + project.publicKey())
        .body(body)
        .post(path(project))
        .then()
        .statusCode(200);
    given()
        .header(
            "Authorization",
            "Basic " + Base64.getEncoder().encodeToString((project.publicKey() + ":").getBytes()))
        .body(body)
        .post(path(project))
        .then()
        .statusCode(200);
    given()
        .queryParam("sentry_key", project.publicKey())
        .body(body)
        .post(path(project))
        .then()
        .statusCode(200);
    String withDsn =
        body.replaceFirst(
            "\\{\"sdk\"",
            "{\"dsn\":\"http://"
                + project.publicKey()
                + "@127.0.0.1/"
                + project.projectId()
                + "\",\"sdk\"");
    given()
        .contentType("application/x-sentry-envelope")
        .body(withDsn.getBytes(StandardCharsets.UTF_8))
        .post(path(project))
        .then()
        .statusCode(200);
    assertEquals(5, stored.await(project.projectId(), 5).size());
  }

  @Test
  void refusesMissingUnknownAndForeignKeys() {
    TestProject project = projects.create();
    TestProject other = projects.create();
    String body = envelope(counter("auth.refused", "1"));
    given()
        .body(body)
        .post(path(project))
        .then()
        .statusCode(401)
        .body("code", equalTo("unauthorized"));
    given().queryParam("sentry_key", "nope").body(body).post(path(project)).then().statusCode(401);
    given()
        .queryParam("sentry_key", other.publicKey())
        .body(body)
        .post(path(project))
        .then()
        .statusCode(403);
  }

  /** The key only in the envelope header is checked before any item is read: broken items behind it do not matter. */
  @Test
  void refusesAnUnknownKeyInTheEnvelopeHeaderBeforeReadingAnyItem() {
    TestProject project = projects.create();
    String unknown =
        "{\"dsn\":\"http://unknown@127.0.0.1/"
            + project.projectId()
            + "\"}\n{not an item header}\n";
    given()
        .body(unknown)
        .post(path(project))
        .then()
        .statusCode(401)
        .body("code", equalTo("unauthorized"));
    String known = unknown.replace("unknown@", project.publicKey() + "@");
    given()
        .body(known)
        .post(path(project))
        .then()
        .statusCode(400)
        .body("code", equalTo("malformed_envelope"));
  }

  /** Issue 14: the declared length overflowed the position arithmetic and answered 500. */
  @Test
  void refusesAnItemLengthBeyondTheBodyWithAClear400() {
    TestProject project = projects.create();
    given()
        .queryParam("sentry_key", project.publicKey())
        .body("{}\n{\"type\":\"trace_metric\",\"length\":9223372036854775807}\n{\"items\":[]}\n")
        .post(path(project))
        .then()
        .statusCode(400)
        .body("code", equalTo("malformed_envelope"))
        .body(
            "message",
            equalTo(
                "Malformed envelope: item 0 declares length 9223372036854775807 but only 13 bytes follow"));
  }

  /** Issue 14: a meter tag taken from the request made a new meter, held forever, per distinct item type. */
  @Test
  void countsUnknownItemTypesUnderOneFixedTagWithoutNewMeters() {
    TestProject project = projects.create();
    String skipped = "appmetrics_ingest_envelope_items_skipped_total";
    String warmUp = "{}\n{\"type\":\"client_report\"}\n{}\n{\"type\":\"x-warm-up\"}\n{}\n";
    given()
        .queryParam("sentry_key", project.publicKey())
        .body(warmUp)
        .post(path(project))
        .then()
        .statusCode(200);
    List<String> before = series(skipped);
    double otherBefore = value(skipped + "{type=\"other\"}");
    StringBuilder body = new StringBuilder("{}\n");
    for (int i = 0; i < 500; i++) {
      body.append("{\"type\":\"x-unknown-").append(i).append("\"}\n{}\n");
    }
    given()
        .queryParam("sentry_key", project.publicKey())
        .body(body.toString())
        .post(path(project))
        .then()
        .statusCode(200);
    assertEquals(before, series(skipped), "no new series of the skipped-items counter");
    assertEquals(500.0, value(skipped + "{type=\"other\"}") - otherBefore);
    assertTrue(
        series(skipped).contains(skipped + "{type=\"client_report\"}"),
        "known types keep their own tag");
  }

  private static List<String> series(String name) {
    return given()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .extract()
        .asString()
        .lines()
        .filter(line -> line.startsWith(name + "{"))
        .map(line -> line.substring(0, line.lastIndexOf(' ')))
        .sorted()
        .toList();
  }

  private static double value(String series) {
    return given()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .extract()
        .asString()
        .lines()
        .filter(line -> line.startsWith(series + " "))
        .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1)))
        .findFirst()
        .orElse(0);
  }

  @Test
  void acceptsGzipAndBothDeflateFormsAndRefusesTruncatedOrUnknownEncodings() throws Exception {
    TestProject project = projects.create();
    byte[] body = envelope(counter("compressed", "1")).getBytes(StandardCharsets.UTF_8);
    byte[] gzip = gzip(body);
    given()
        .queryParam("sentry_key", project.publicKey())
        .header("Content-Encoding", "gzip")
        .body(gzip)
        .post(path(project))
        .then()
        .statusCode(200)
        .body("accepted", equalTo(1));
    given()
        .queryParam("sentry_key", project.publicKey())
        .header("Content-Encoding", "deflate")
        .body(deflate(body, false))
        .post(path(project))
        .then()
        .statusCode(200)
        .body("accepted", equalTo(1));
    given()
        .queryParam("sentry_key", project.publicKey())
        .header("Content-Encoding", "deflate")
        .body(deflate(body, true))
        .post(path(project))
        .then()
        .statusCode(200)
        .body("accepted", equalTo(1));
    byte[] truncated = java.util.Arrays.copyOf(gzip, gzip.length / 2);
    given()
        .queryParam("sentry_key", project.publicKey())
        .header("Content-Encoding", "gzip")
        .body(truncated)
        .post(path(project))
        .then()
        .statusCode(400)
        .body("code", equalTo("malformed_body"));
    given()
        .queryParam("sentry_key", project.publicKey())
        .header("Content-Encoding", "gzip")
        .body(body)
        .post(path(project))
        .then()
        .statusCode(400)
        .body("code", equalTo("malformed_body"));
    given()
        .queryParam("sentry_key", project.publicKey())
        .header("Content-Encoding", "br")
        .body(body)
        .post(path(project))
        .then()
        .statusCode(415);
    assertEquals(3, stored.await(project.projectId(), 3).size());
  }

  @Test
  void refusesMalformedEnvelopesAndWrongContentTypes() {
    TestProject project = projects.create();
    String item = "{\"type\":\"trace_metric\"}\n";
    for (String body :
        List.of(
            "",
            "not json\n",
            "[1]\n",
            "{}\n{not json}\n{}\n",
            "{}\n{\"type\":\"trace_metric\",\"length\":500}\n{\"items\":[]}\n",
            "{}\n{\"type\":\"trace_metric\",\"length\":-1}\n{}\n")) {
      given()
          .queryParam("sentry_key", project.publicKey())
          .body(body)
          .post(path(project))
          .then()
          .statusCode(400)
          .body("code", equalTo("malformed_envelope"));
    }
    given()
        .queryParam("sentry_key", project.publicKey())
        .contentType("application/json")
        .body("{}\n" + item + "{}\n")
        .post(path(project))
        .then()
        .statusCode(415)
        .body("code", equalTo("unsupported_media_type"));
  }

  @Test
  void readsJavaSdkItemsWithLengthAndNoVersionAndNormalisesNames() {
    TestProject project = projects.create();
    String payload =
        "{\"items\":[{\"timestamp\":"
            + System.currentTimeMillis() / 1000.0
            + ",\"trace_id\":\""
            + TRACE
            + "\",\"name\":\"http client/requests-total\",\"type\":\"counter\",\"value\":2,"
            + "\"attributes\":{\"sentry.client_sample_rate\":{\"value\":0.25,\"type\":\"double\"}}}]}";
    String body =
        "{}\n{\"type\":\"trace_metric\",\"length\":"
            + payload.getBytes(StandardCharsets.UTF_8).length
            + ",\"content_type\":\"application/vnd.sentry.items.trace_metric+json\"}\n"
            + payload;
    given()
        .queryParam("sentry_key", project.publicKey())
        .body(body)
        .post(path(project))
        .then()
        .statusCode(200)
        .body("accepted", equalTo(1));
    JsonNode row = stored.await(project.projectId(), 1).get(0);
    assertEquals("http_client_requests_total", row.get("metric_name").asText());
    assertEquals(0.25, row.get("client_sample_rate").asDouble());
    assertEquals("", row.get("span_id").asText());
    assertEquals(
        "[]",
        row.get("attr_double_keys").toString(),
        "the sample rate is a column, not an attribute");
  }

  @Test
  void keepsValidMetricsAndReportsEachRejectedOneWithItsIndex() {
    TestProject project = projects.create();
    String noTrace =
        "{\"timestamp\":\"NOW\",\"name\":\"no.trace\",\"type\":\"counter\",\"value\":1}";
    String huge =
        "{\"timestamp\":\"NOW\",\"trace_id\":\""
            + TRACE
            + "\",\"name\":\"huge\",\"type\":\"gauge\",\"value\":1,"
            + "\"attributes\":{"
            + java.util.stream.IntStream.range(0, 1000)
                .mapToObj(i -> "\"a" + i + "\":{\"value\":" + i + ",\"type\":\"integer\"}")
                .collect(java.util.stream.Collectors.joining(","))
            + "}}";
    String body =
        envelope(
                counter("ok.one", "1"),
                counter("nan", "NaN"),
                counter("inf", "-Infinity"),
                noTrace,
                huge,
                counter("ok.two", "2.5"))
            + "{\"type\":\"trace_metric\",\"content_type\":\"application/json\"}\n{\"items\":[]}\n"
            + "{\"type\":\"trace_metric\"}\n{broken\n"
            + "{\"type\":\"profile_chunk\"}\n{\"whatever\":true}\n";
    given()
        .queryParam("sentry_key", project.publicKey())
        .body(body)
        .post(path(project))
        .then()
        .statusCode(200)
        .body("accepted", equalTo(2))
        .body("rejected", hasSize(6))
        .body("rejected.index", equalTo(List.of(1, 2, 3, 4, 6, 7)))
        .body("rejected[0].reason", containsString("finite"))
        .body("rejected[1].reason", containsString("finite"))
        .body("rejected[2].reason", containsString("trace_id is missing"))
        .body("rejected[3].reason", containsString("1000 attributes"))
        .body("rejected[4].reason", containsString("content_type 'application/json'"))
        .body("rejected[5].reason", containsString("not valid JSON"));
    List<JsonNode> rows = stored.await(project.projectId(), 2);
    assertEquals(
        List.of(1.0, 2.5), rows.stream().map(r -> r.get("value").asDouble()).sorted().toList());
  }

  @Test
  void answers413ForBodiesOverTheLimitCompressedOrNot() throws Exception {
    TestProject project = projects.create();
    byte[] big = new byte[10 * 1024 * 1024 + 1];
    java.util.Arrays.fill(big, (byte) ' ');
    // A well-framed envelope whose one payload is too large: framing problems would be refused
    // before the size.
    byte[] framing = "{}\n{\"type\":\"attachment\"}\n".getBytes(StandardCharsets.UTF_8);
    System.arraycopy(framing, 0, big, 0, framing.length);
    given()
        .queryParam("sentry_key", project.publicKey())
        .body(big)
        .post(path(project))
        .then()
        .statusCode(413)
        .body("code", equalTo("body_too_large"));
    given()
        .queryParam("sentry_key", project.publicKey())
        .header("Content-Encoding", "gzip")
        .body(gzip(big))
        .post(path(project))
        .then()
        .statusCode(413)
        .body("code", equalTo("body_too_large"));
  }

  /** At 1 event/s, a first envelope of 50 metrics puts the project 49 in debt: the next is refused for about 50 s. */
  @Test
  void answers429WithSentryRateLimitHeaders() {
    TestProject project = projects.create(1);
    String fifty =
        envelope(Collections.nCopies(50, counter("limited", "1")).toArray(String[]::new));
    given()
        .queryParam("sentry_key", project.publicKey())
        .body(fifty)
        .post(path(project))
        .then()
        .statusCode(200);
    Response refused =
        given()
            .queryParam("sentry_key", project.publicKey())
            .body(envelope(counter("limited", "1")))
            .post(path(project))
            .then()
            .statusCode(429)
            .extract()
            .response();
    long retryAfter = Long.parseLong(refused.header("Retry-After"));
    assertTrue(
        retryAfter > 20 && retryAfter <= 50,
        "Retry-After " + retryAfter + " s for a debt of 49 events at 1/s");
    assertEquals(retryAfter + ":trace_metric:key", refused.header("X-Sentry-Rate-Limits"));
    assertEquals(50, stored.await(project.projectId(), 50).size());
  }

  private static byte[] gzip(byte[] body) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(body);
    }
    return out.toByteArray();
  }

  private static byte[] deflate(byte[] body, boolean raw) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DeflaterOutputStream deflate =
        new DeflaterOutputStream(out, new Deflater(Deflater.DEFAULT_COMPRESSION, raw))) {
      deflate.write(body);
    }
    return out.toByteArray();
  }
}
