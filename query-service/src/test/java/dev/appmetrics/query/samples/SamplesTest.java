package dev.appmetrics.query.samples;

import static dev.appmetrics.query.support.GoldenDataset.END;
import static dev.appmetrics.query.support.GoldenDataset.START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.appmetrics.query.support.Api;
import dev.appmetrics.query.support.GoldenDataset;
import dev.appmetrics.query.support.Tenant;
import dev.appmetrics.query.support.Tenants;
import dev.appmetrics.query.support.TestEvent;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SamplesTest {

  static final String PATH = "/api/v1/query/samples";

  @Inject Tenants tenants;

  Tenant tenant;
  GoldenDataset data;

  @BeforeAll
  void writeDataset() throws Exception {
    Tenants.WithDataset written = tenants.withGoldenDataset();
    tenant = written.tenant();
    data = written.data();
  }

  Map<String, Object> request(String filter, String sort, int limit) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("projects", List.of(tenant.projectId()));
    body.put("start", Instant.ofEpochSecond(START).toString());
    body.put("end", Instant.ofEpochSecond(END).toString());
    body.put("metric", data.gauge);
    body.put("filter", filter);
    body.put("sort", sort);
    body.put("limit", limit);
    return body;
  }

  List<JsonNode> allPages(Map<String, Object> first) {
    List<JsonNode> samples = new ArrayList<>();
    JsonNode page = Api.post(PATH, first, tenant.bearer(), 200);
    page.get("samples").forEach(samples::add);
    while (!page.get("nextCursor").isNull()) {
      Map<String, Object> next = new LinkedHashMap<>(first);
      next.put("cursor", page.get("nextCursor").asText());
      page = Api.post(PATH, next, tenant.bearer(), 200);
      page.get("samples").forEach(samples::add);
    }
    return samples;
  }

  List<TestEvent> expected(
      java.util.function.Predicate<TestEvent> filter, Comparator<TestEvent> order) {
    return data.events.stream()
        .filter(
            e ->
                e.metric().equals(data.gauge)
                    && e.bucketSecond() >= START
                    && e.bucketSecond() < END)
        .filter(filter)
        .sorted(order)
        .toList();
  }

  @Test
  void pagesThroughEveryMatchingEventNewestFirstWithoutGapsOrRepeats() {
    List<JsonNode> samples = allPages(request("region:eu", "-timestamp", 7));
    List<TestEvent> expected =
        expected(
            e -> e.text("region").equals("eu"),
            Comparator.comparingLong(TestEvent::timestampMillis)
                .thenComparingDouble(TestEvent::value)
                .reversed());
    assertTrue(expected.size() > 14, "several pages");
    assertEquals(expected.size(), samples.size());
    for (int i = 0; i < expected.size(); i++) {
      TestEvent e = expected.get(i);
      JsonNode s = samples.get(i);
      assertEquals(
          Instant.ofEpochMilli(e.timestampMillis()).toString(), s.get("timestamp").asText());
      assertEquals(e.value(), s.get("value").asDouble());
      assertEquals(e.traceId(), s.get("traceId").asText());
      assertEquals(e.spanId(), s.get("spanId").asText());
      assertEquals(e.sampleRate(), s.get("clientSampleRate").asDouble());
      assertEquals(tenant.projectId(), s.get("projectId").asLong());
      assertEquals("gauge", s.get("kind").asText());
      assertEquals("byte", s.get("unit").asText());
      assertEquals("eu", s.get("attributes").get("region").asText());
      assertEquals(e.integers().get("retries"), s.get("attributes").get("retries").asLong());
      assertTrue(s.get("attributes").get("retries").isIntegralNumber());
      assertEquals(e.doubles().get("ratio"), s.get("attributes").get("ratio").asDouble());
      if (e.booleans().containsKey("cached")) {
        assertEquals(e.booleans().get("cached"), s.get("attributes").get("cached").asBoolean());
        assertTrue(s.get("attributes").get("cached").isBoolean());
      }
    }
  }

  @Test
  void sortsByValueAscending() {
    List<JsonNode> samples = allPages(request("value:<20", "value", 50));
    List<TestEvent> expected =
        expected(
            e -> e.value() < 20,
            Comparator.comparingDouble(TestEvent::value)
                .thenComparingLong(TestEvent::timestampMillis));
    assertEquals(
        expected.stream().map(TestEvent::value).toList(),
        samples.stream().map(s -> s.get("value").asDouble()).toList());
  }

  @Test
  void rejectsBadSortsAndLimits() {
    assertEquals(
        400,
        Api.post(PATH, request(null, "timestamp; DROP", 5), tenant.bearer(), 400)
            .get("status")
            .asInt());
    assertEquals(
        400,
        Api.post(PATH, request(null, "-value", 5000), tenant.bearer(), 400).get("status").asInt());
  }

  @Test
  void refusesACursorWhoseOffsetWasChanged() {
    String[] genuine = firstCursor(request("region:eu", "-timestamp", 5)).split("\\.");
    String content = new String(Base64.getUrlDecoder().decode(genuine[0]), StandardCharsets.UTF_8);
    assertTrue(content.contains(":5:"), content);
    for (String offset : List.of(":10:", ":0:", ":999999999:")) {
      assertCursorRefused(
          request("region:eu", "-timestamp", 5),
          base64(content.replace(":5:", offset)) + "." + genuine[1],
          tenant.bearer());
    }
  }

  @Test
  void refusesACursorFromAnotherOrganization() {
    String cursor = firstCursor(request("region:eu", "-timestamp", 5));
    Tenant other = tenants.create();
    Map<String, Object> theirs = request("region:eu", "-timestamp", 5);
    theirs.put("projects", List.of(other.projectId()));
    Api.post(PATH, theirs, other.bearer(), 200);

    assertCursorRefused(theirs, cursor, other.bearer());
  }

  @Test
  void refusesACursorFromAnotherRequest() {
    String cursor = firstCursor(request("region:eu", "-timestamp", 5));
    List<Map<String, Object>> others = new ArrayList<>();
    others.add(request("region:us", "-timestamp", 5));
    others.add(request(null, "-timestamp", 5));
    others.add(request("region:eu", "timestamp", 5));
    Map<String, Object> otherMetric = request("region:eu", "-timestamp", 5);
    otherMetric.put("metric", data.distribution);
    others.add(otherMetric);
    Map<String, Object> otherRange = request("region:eu", "-timestamp", 5);
    otherRange.put("end", Instant.ofEpochSecond(END - 600).toString());
    others.add(otherRange);
    Map<String, Object> period = request("region:eu", "-timestamp", 5);
    period.remove("start");
    period.remove("end");
    period.put("period", "24h");
    others.add(period);
    for (Map<String, Object> other : others) {
      assertCursorRefused(other, cursor, tenant.bearer());
    }
  }

  @Test
  void refusesAHugeOffsetWithoutAValidMacAndMalformedCursors() {
    String huge = base64("v2:999999999:" + START + ":" + END + ":-timestamp");
    String unsigned = base64("v1:999999999:" + START + ":" + END + ":-timestamp");
    for (String cursor :
        List.of(
            huge,
            huge + ".",
            huge + "." + base64("x".repeat(32)),
            unsigned,
            "bm90LWEtY3Vyc29y",
            "",
            "a.b.c")) {
      assertCursorRefused(request(null, "-timestamp", 5), cursor, tenant.bearer());
    }
  }

  @Test
  void aCursorContinuesTheSameRequestWhateverThePageSize() {
    Map<String, Object> first = request("region:eu", "-timestamp", 5);
    List<JsonNode> pages = new ArrayList<>();
    Api.post(PATH, first, tenant.bearer(), 200).get("samples").forEach(pages::add);
    Map<String, Object> next = request("region:eu", "-timestamp", 9);
    next.put("cursor", firstCursor(first));
    Api.post(PATH, next, tenant.bearer(), 200).get("samples").forEach(pages::add);
    List<JsonNode> whole = new ArrayList<>();
    Api.post(PATH, request("region:eu", "-timestamp", 14), tenant.bearer(), 200)
        .get("samples")
        .forEach(whole::add);

    assertEquals(whole, pages);
  }

  String firstCursor(Map<String, Object> body) {
    JsonNode cursor = Api.post(PATH, body, tenant.bearer(), 200).get("nextCursor");
    assertTrue(cursor.isTextual(), "a next page");
    return cursor.asText();
  }

  static String base64(String text) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** A 400 in the project's error shape, with a message for people (no class names). */
  static void assertCursorRefused(Map<String, Object> body, String cursor, String bearer) {
    body.put("cursor", cursor);
    JsonNode error = Api.post(PATH, body, bearer, 400);
    assertEquals(400, error.get("status").asInt());
    assertEquals("bad_request", error.get("code").asText());
    assertTrue(error.get("details").isArray());
    assertTrue(
        error
            .get("message")
            .asText()
            .startsWith("'cursor' is not a cursor this API returned for this request"),
        error.get("message").asText());
  }
}
