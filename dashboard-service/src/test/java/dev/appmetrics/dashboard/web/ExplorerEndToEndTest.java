package dev.appmetrics.dashboard.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appmetrics.common.auth.GrantPublisher;
import dev.appmetrics.dashboard.explorer.TestOrganization;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.DoublePredicate;
import org.junit.jupiter.api.Test;

/**
 * The Explorer in real headless Chromium against the real query-service and ClickHouse: the Node script
 * (src/main/webui/e2e/explorer.e2e.mjs, playwright-core) builds the Apdex board and saves it; this test seeds the
 * data whose answers it knows and checks the script's verdict. Screenshots land in target/e2e-screenshots/.
 */
@QuarkusTest
@WithTestResource(QueryServiceProcess.class)
class ExplorerEndToEndTest {

  /** Two hours of one distribution; per hour: the values and how often each occurs. */
  static final List<Map<Double, Integer>> HOURS = List.of(
      Map.of(50.0, 3, 250.0, 2, 500.0, 5),
      Map.of(10.0, 4, 300.0, 4, 1000.0, 2));

  @Inject
  GrantPublisher grants;

  @TestHTTPResource("/")
  URL base;

  @Test
  void buildsTheApdexBoardInChromiumSavesItAndFindsItAgainAfterAReload() throws Exception {
    TestOrganization org = TestOrganization.create(grants);
    String metric = "e2e.latency." + UUID.randomUUID().toString().substring(0, 8);
    Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(3, ChronoUnit.HOURS);
    Instant end = start.plus(HOURS.size(), ChronoUnit.HOURS);
    seed(org, metric, start);
    awaitQueryServiceKnows(org);

    Path webui = Path.of("src", "main", "webui");
    Path out = Path.of("target", "e2e-screenshots").toAbsolutePath();
    Path log = Path.of("target", "explorer-e2e.log");
    ProcessBuilder node = new ProcessBuilder("node", "e2e/explorer.e2e.mjs")
        .directory(webui.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    Map<String, String> env = node.environment();
    env.put("BASE_URL", base.toString().replaceAll("/$", ""));
    env.put("TOKEN", org.token());
    env.put("PROJECT", Long.toString(org.projectId()));
    env.put("METRIC", metric);
    env.put("START", start.toString());
    env.put("END", end.toString());
    env.put("EXPECTED", new ObjectMapper().writeValueAsString(expectedApdex()));
    env.put("OUT", out.toString());
    Process process = node.start();
    boolean finished = process.waitFor(5, TimeUnit.MINUTES);
    if (!finished) {
      process.destroyForcibly();
    }
    String output = Files.readString(log);
    assertTrue(finished, "The browser test did not finish within 5 minutes:\n" + output);
    assertEquals(0, process.exitValue(), output);
    assertTrue(output.contains("E2E OK"), output);
    assertTrue(Files.size(out.resolve("explorer.png")) > 0 && Files.size(out.resolve("dashboard.png")) > 0);
  }

  /** The Apdex series per hour, computed from the seed here rather than by any code under test. */
  static Map<String, List<Double>> expectedApdex() {
    Map<String, List<Double>> expected = new LinkedHashMap<>();
    for (String label : List.of("A", "B", "C", "f1")) {
      expected.put(label, new ArrayList<>());
    }
    for (Map<Double, Integer> hour : HOURS) {
      double satisfied = count(hour, v -> v < 100);
      double tolerating = count(hour, v -> v > 200 && v < 400);
      double all = count(hour, v -> true);
      expected.get("A").add(satisfied);
      expected.get("B").add(tolerating);
      expected.get("C").add(all);
      expected.get("f1").add((satisfied + tolerating / 2) / all);
    }
    return expected;
  }

  private static double count(Map<Double, Integer> hour, DoublePredicate matches) {
    return hour.entrySet().stream().filter(e -> matches.test(e.getKey())).mapToInt(Map.Entry::getValue).sum();
  }

  /** Rows straight into the test database, as the ingest writer would store them. */
  static void seed(TestOrganization org, String metric, Instant start) throws IOException, InterruptedException {
    StringBuilder sql = new StringBuilder("INSERT INTO appmetrics_test.metric_events (organization_id, project_id, "
        + "metric_name, metric_kind, unit, timestamp, timestamp_ms, value, client_sample_rate, trace_id, span_id, "
        + "attr_string_keys, attr_string_values, attr_int_keys, attr_int_values, attr_double_keys, attr_double_values, "
        + "attr_bool_keys, attr_bool_values, received_at, kafka_partition, kafka_offset) VALUES ");
    int row = 0;
    for (int hour = 0; hour < HOURS.size(); hour++) {
      for (Map.Entry<Double, Integer> value : HOURS.get(hour).entrySet()) {
        for (int i = 0; i < value.getValue(); i++) {
          long millis = start.plus(hour, ChronoUnit.HOURS).plusSeconds(60L * (++row)).toEpochMilli();
          String trace = UUID.randomUUID().toString().replace("-", "");
          String span = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
          sql.append(row > 1 ? ", " : "").append("(%d, %d, '%s', 'distribution', 'millisecond', toDateTime(%d), %d, %s, 1, '%s', '%s', ['region'], ['%s'], [], [], [], [], [], [], now(), 0, 0)"
              .formatted(org.organizationId(), org.projectId(), metric, millis / 1000, millis, value.getKey(), trace, span,
                  row % 2 == 0 ? "eu" : "us"));
        }
      }
    }
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:8123/")).POST(HttpRequest.BodyPublishers.ofString(sql.toString())).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
  }

  /** query-service follows projects.config on its own; the token works there once it has read the grant. */
  static void awaitQueryServiceKnows(TestOrganization org) throws InterruptedException {
    for (int attempt = 0; attempt < 50; attempt++) {
      int status = given().header("Authorization", org.bearer())
          .when().get("/api/v1/catalog/metrics?project=" + org.projectId())
          .then().extract().statusCode();
      if (status == 200) {
        return;
      }
      Thread.sleep(200);
    }
    given().header("Authorization", org.bearer())
        .when().get("/api/v1/catalog/metrics?project=" + org.projectId())
        .then().statusCode(200);
  }
}
