package dev.appmetrics.dashboard.mcp;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appmetrics.dashboard.organization.Tenants;
import dev.appmetrics.dashboard.organization.Tenants.Tenant;
import dev.appmetrics.dashboard.upstream.MonitorServiceProcess;
import dev.appmetrics.dashboard.upstream.QueryServiceProcess;
import io.modelcontextprotocol.spec.McpSchema;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.net.URL;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The MCP server driven by the official MCP Java SDK client against the real query-service, monitor-service,
 * PostgreSQL and ClickHouse, on data the test writes; answers are checked against the REST APIs and the seed.
 */
@QuarkusTest
@WithTestResource(MonitorServiceProcess.class)
class McpServerTest {

  static final Set<String> WRITE_TOOLS =
      Set.of("create_monitor", "add_dashboard_widget", "save_query");
  static final Set<String> TOOLS =
      Set.of(
          "list_projects",
          "list_metrics",
          "describe_metric",
          "query_timeseries",
          "list_samples",
          "get_trace",
          "find_comparable_traces",
          "search_traces",
          "list_issues",
          "get_issue",
          "list_channels",
          "explain_change",
          "create_monitor",
          "add_dashboard_widget",
          "save_query");

  private static McpSeed seed;
  private static Tenant other;

  @TestHTTPResource("/")
  URL base;

  @BeforeEach
  void seedOnce() throws Exception {
    if (seed == null) {
      Files.deleteIfExists(McpSession.TRANSCRIPT);
      Tenant tenant = Tenants.create();
      other = Tenants.create();
      seed = McpSeed.write(tenant);
      QueryServiceProcess.awaitKnows(tenant.adminToken(), tenant.projectId());
      QueryServiceProcess.awaitKnows(tenant.readToken(), tenant.projectId());
      MonitorServiceProcess.awaitKnows(tenant.adminToken());
    }
  }

  @Test
  void refusesACallWithoutAToken() {
    given()
        .contentType(ContentType.JSON)
        .body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}")
        .when()
        .post("/mcp")
        .then()
        .statusCode(401);
  }

  @Test
  void initializesListsEveryToolAndServesTheSearchSyntax() {
    try (McpSession session = new McpSession(base, seed.tenant().readToken())) {
      McpSchema.InitializeResult init = session.initialize();
      assertEquals("appmetrics", init.serverInfo().name());
      List<McpSchema.Tool> tools = session.client().listTools().tools();
      assertEquals(TOOLS, tools.stream().map(McpSchema.Tool::name).collect(Collectors.toSet()));
      for (McpSchema.Tool tool : tools) {
        assertTrue(tool.description().length() > 40, tool.name());
        assertEquals("object", tool.inputSchema().get("type"), tool.name());
        assertEquals(
            !WRITE_TOOLS.contains(tool.name()), tool.annotations().readOnlyHint(), tool.name());
      }
      String syntax =
          ((McpSchema.TextResourceContents)
                  session
                      .client()
                      .readResource(
                          new McpSchema.ReadResourceRequest("appmetrics://reference/search-syntax"))
                      .contents()
                      .get(0))
              .text();
      assertTrue(syntax.contains("has:key") && syntax.contains("value:>=200"), syntax);
      McpSchema.GetPromptResult prompt =
          session
              .client()
              .getPrompt(
                  new McpSchema.GetPromptRequest(
                      "investigate_metric",
                      Map.of("metric", seed.metric(), "project", seed.tenant().projectId())));
      assertTrue(
          ((McpSchema.TextContent) prompt.messages().get(0).content())
              .text()
              .contains("explain_change"));
    }
  }

  @Test
  void catalogToolsAnswerWhatTheCatalogApiAnswers() {
    Tenant tenant = seed.tenant();
    try (McpSession session = new McpSession(base, tenant.readToken())) {
      session.initialize();
      String projects = session.call("list_projects", Map.of()).text();
      assertTrue(projects.contains(tenant.projectSlug()), projects);
      // The table's id column holds this organization's project alone (a bare substring test would
      // match the other
      // project's small id inside a timestamp).
      assertEquals(
          List.of(Long.toString(tenant.projectId())),
          projects.lines().skip(2).map(row -> row.split("\\s+")[0]).toList(),
          projects);

      JsonPath catalog =
          rest(tenant.readToken())
              .get("/api/v1/catalog/metrics?project=" + tenant.projectId())
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      long count = catalog.getLong("metrics.find { it.name == '" + seed.metric() + "' }.count");
      assertEquals(360, count);
      String metrics =
          session
              .call(
                  "list_metrics",
                  Map.of("projects", List.of(tenant.projectId()), "nameContains", "mcp.latency"))
              .text();
      assertTrue(
          Pattern.compile(
                  Pattern.quote(seed.metric()) + "\\s+distribution\\s+millisecond\\s+" + count)
              .matcher(metrics)
              .find(),
          metrics);

      String described =
          session
              .call(
                  "describe_metric",
                  Map.of("projects", List.of(tenant.projectId()), "metric", seed.metric()))
              .text();
      assertTrue(
          described.contains("attribute route (string)")
              && described.contains("attribute region (string)"),
          described);
      assertTrue(Pattern.compile("/checkout\\s+120").matcher(described).find(), described);
      assertTrue(described.contains("p95"), described);
    }
  }

  @Test
  void queryTimeseriesAnswersWhatTheQueryApiAnswersWithAnExplorerLink() {
    Tenant tenant = seed.tenant();
    String body =
        "{\"projects\":["
            + tenant.projectId()
            + "],\"period\":\"3h\",\"interval\":\"1h\",\"queries\":["
            + "{\"label\":\"A\",\"metric\":\""
            + seed.metric()
            + "\",\"aggregate\":\"max\",\"groupBy\":[\"route\"],"
            + "\"filter\":\"route:[/checkout, /cart]\"},"
            + "{\"label\":\"B\",\"metric\":\""
            + seed.metric()
            + "\",\"aggregate\":\"count\"}],"
            + "\"equations\":[{\"label\":\"f1\",\"expression\":\"B / 60\"}]}";
    JsonPath expected =
        rest(tenant.readToken())
            .body(body)
            .post("/api/v1/query/timeseries")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    try (McpSession session = new McpSession(base, tenant.readToken())) {
      session.initialize();
      String answer =
          session
              .call(
                  "query_timeseries",
                  Map.of(
                      "projects",
                      List.of(tenant.projectId()),
                      "period",
                      "3h",
                      "interval",
                      "1h",
                      "queries",
                      List.of(
                          Map.of(
                              "label",
                              "A",
                              "metric",
                              seed.metric(),
                              "aggregate",
                              "max",
                              "groupBy",
                              List.of("route"),
                              "filter",
                              "route:[/checkout, /cart]"),
                          Map.of("label", "B", "metric", seed.metric(), "aggregate", "count")),
                      "equations",
                      List.of(Map.of("label", "f1", "expression", "B / 60"))))
              .text();
      assertEquals(expected.getList("series").size(), 4);
      assertTrue(answer.contains(", 4 series"), answer);
      // The slow route's worst event and the whole count, as the REST answer has them.
      double checkoutMax =
          expected
              .getList("series.find { it.group.route == '/checkout' }.values", Float.class)
              .stream()
              .filter(v -> v != null)
              .mapToDouble(Float::doubleValue)
              .max()
              .orElseThrow();
      assertEquals(900, checkoutMax);
      assertTrue(
          Pattern.compile(
                  "A: max\\("
                      + Pattern.quote(seed.metric())
                      + "\\) route=/checkout\\s+millisecond\\s+\\S+\\s+\\S+\\s+900\\b")
              .matcher(answer)
              .find(),
          answer);
      assertTrue(answer.contains("f1: B / 60"), answer);
      // Bucket starts come as epoch milliseconds; the table shows the last one as an instant.
      List<Long> timestamps = expected.getList("timestamps", Long.class);
      assertTrue(
          answer.contains(Instant.ofEpochMilli(timestamps.get(timestamps.size() - 1)) + "  "),
          answer);
      assertTrue(answer.contains("Explorer: http://127.0.0.1:8080/explorer?state="), answer);
    }
  }

  @Test
  void samplesAndTracesLeadFromTheWorstEventToItsTraceAndAComparableOne() {
    Tenant tenant = seed.tenant();
    long project = tenant.projectId();
    try (McpSession session = new McpSession(base, tenant.readToken())) {
      session.initialize();
      String samples =
          session
              .call(
                  "list_samples",
                  Map.of(
                      "projects",
                      List.of(project),
                      "metric",
                      seed.metric(),
                      "period",
                      "3h",
                      "sort",
                      "-value",
                      "limit",
                      3))
              .text();
      String firstTrace =
          rest(tenant.readToken())
              .body(
                  "{\"projects\":["
                      + project
                      + "],\"period\":\"3h\",\"metric\":\""
                      + seed.metric()
                      + "\",\"sort\":\"-value\",\"limit\":3}")
              .post("/api/v1/query/samples")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath()
              .getString("samples[0].traceId");
      assertEquals(seed.slowTraceId(), firstTrace);
      assertTrue(
          samples.contains("3 sample(s)")
              && samples.contains("/traces/" + firstTrace + "?project=" + project),
          samples);

      String trace =
          session
              .call("get_trace", Map.of("project", project, "traceId", seed.slowTraceId()))
              .text();
      assertTrue(
          trace.contains("http.server POST /checkout")
              && trace.contains("  db.query SELECT * FROM orders"),
          trace);
      assertTrue(
          trace.contains("QueryTimeoutError: canceling statement due to statement timeout"), trace);
      assertTrue(trace.contains("at loadOrder (src/db/orders.ts:42) in-app"), trace);

      String comparable =
          session
              .call(
                  "find_comparable_traces",
                  Map.of(
                      "project",
                      project,
                      "timestamp",
                      seed.windowStart().plusSeconds(1800).toString(),
                      "release",
                      "1.4.2",
                      "environment",
                      "production",
                      "transaction",
                      "/checkout",
                      "excludeTraceId",
                      seed.slowTraceId()))
              .text();
      assertTrue(
          comparable.contains(seed.comparableTraceId()) && !comparable.contains(seed.slowTraceId()),
          comparable);

      String found =
          session
              .call(
                  "search_traces",
                  Map.of(
                      "project",
                      project,
                      "period",
                      "3h",
                      "conditions",
                      List.of(
                          Map.of(
                              "kind",
                              "span",
                              "op",
                              "db.query",
                              "durationMs",
                              Map.of("operator", ">", "value", 500)),
                          Map.of("kind", "error", "exceptionType", "QueryTimeoutError"))))
              .text();
      assertTrue(found.startsWith("1 trace(s)") && found.contains(seed.slowTraceId()), found);
    }
  }

  @Test
  void explainChangeNamesTheRouteWhoseLatencyTripledFirst() {
    Tenant tenant = seed.tenant();
    try (McpSession session = new McpSession(base, tenant.readToken())) {
      session.initialize();
      String answer =
          session
              .call(
                  "explain_change",
                  Map.of(
                      "projects",
                      List.of(tenant.projectId()),
                      "metric",
                      seed.metric(),
                      "aggregate",
                      "avg",
                      "start",
                      seed.windowStart().toString(),
                      "end",
                      seed.windowStart().plusSeconds(3600).toString()))
              .text();
      String first = answer.lines().findFirst().orElseThrow();
      assertTrue(first.startsWith("Moved most by route=/checkout: "), answer);
      // Baseline: all routes' (100 + 80 + 50) / 3 plus the alternating 0/1 ms; window: /checkout
      // tripled, one 900 ms.
      Matcher total =
          Pattern.compile("avg\\(" + Pattern.quote(seed.metric()) + "\\) (\\S+) -> (\\S+)")
              .matcher(answer);
      assertTrue(total.find(), answer);
      assertEquals((100 + 80 + 50) / 3.0 + 0.5, Double.parseDouble(total.group(1)), 0.01);
      assertEquals(
          (300 + 80 + 50) / 3.0 + 0.5 + (900 - 301) / 180.0,
          Double.parseDouble(total.group(2)),
          0.05);
      int byRoute = answer.indexOf("by route");
      int byRegion = answer.indexOf("by region");
      assertTrue(byRoute > 0 && byRegion > byRoute, answer);
      assertTrue(answer.contains("sample events in the window matching route:/checkout"), answer);
      assertTrue(answer.contains("/traces/" + seed.slowTraceId()), answer);
    }
  }

  @Test
  void writeToolsCreateAMonitorAWidgetAndASavedQueryAndIssuesFollow() throws Exception {
    Tenant tenant = seed.tenant();
    List<Map<String, Object>> queries =
        List.of(Map.of("label", "A", "metric", seed.metric(), "aggregate", "max"));
    try (McpSession session = new McpSession(base, tenant.adminToken())) {
      session.initialize();
      String saved =
          session
              .call(
                  "save_query",
                  Map.of(
                      "name",
                      "Checkout latency",
                      "projects",
                      List.of(tenant.projectId()),
                      "period",
                      "6h",
                      "queries",
                      queries))
              .text();
      long savedId = id(saved, "Saved query (\\d+)");
      assertEquals(
          "Checkout latency",
          rest(tenant.readToken())
              .get("/api/v1/saved-queries/" + savedId)
              .then()
              .statusCode(200)
              .extract()
              .jsonPath()
              .getString("name"));
      assertTrue(saved.contains("URL: http://127.0.0.1:8080/explorer?state="), saved);

      String widget =
          session
              .call(
                  "add_dashboard_widget",
                  Map.of(
                      "dashboardName",
                      "MCP board",
                      "title",
                      "Latency",
                      "projects",
                      List.of(tenant.projectId()),
                      "queries",
                      queries))
              .text();
      long dashboardId = id(widget, "Dashboard (\\d+)");
      String second =
          session
              .call(
                  "add_dashboard_widget",
                  Map.of(
                      "dashboardId",
                      dashboardId,
                      "title",
                      "Count",
                      "projects",
                      List.of(tenant.projectId()),
                      "queries",
                      List.of(Map.of("label", "A", "metric", seed.metric(), "aggregate", "count"))))
              .text();
      JsonPath dashboard =
          rest(tenant.readToken())
              .get("/api/v1/dashboards/" + dashboardId)
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      assertEquals(List.of("Latency", "Count"), dashboard.getList("spec.widgets.title"));
      assertEquals(4, dashboard.getInt("spec.widgets[1].layout.y"));
      assertTrue(second.contains("URL: http://127.0.0.1:8080/dashboards/" + dashboardId), second);

      String monitor =
          session
              .call(
                  "create_monitor",
                  Map.of(
                      "name",
                      "Checkout slow",
                      "projects",
                      List.of(tenant.projectId()),
                      "queries",
                      queries,
                      "window",
                      "2h",
                      "interval",
                      "1m",
                      "detection",
                      Map.of("type", "threshold", "direction", "above", "critical", 500),
                      "evaluation",
                      Map.of("every", "10s", "delay", "0s", "reduce", "max"),
                      // A receiver on loopback (the test profile allows it); nobody listens,
                      // deliveries are not under test here.
                      "newChannels",
                      List.of(
                          Map.of(
                              "name",
                              "ops",
                              "type",
                              "webhook",
                              "config",
                              Map.of(
                                  "url",
                                  "http://127.0.0.1:9/appmetrics",
                                  "secret",
                                  "s3cret-s3cret-s3cret")))))
              .text();
      assertFalse(monitor.startsWith("4") || monitor.startsWith("5"), monitor);
      long monitorId = id(monitor, "Monitor (\\d+)");
      assertTrue(
          monitor.contains("URL: http://127.0.0.1:8080/monitors/" + monitorId + "\n"), monitor);

      long issueId = awaitIssue(tenant, monitorId);
      String issues = session.call("list_issues", Map.of("monitor", monitorId)).text();
      assertTrue(
          issues.startsWith("1 issue(s)") && issues.contains(Long.toString(issueId)), issues);
      String issue = session.call("get_issue", Map.of("id", issueId)).text();
      assertTrue(
          issue.contains("issue " + issueId + " of monitor " + monitorId) && issue.contains("900"),
          issue);
      assertTrue(
          issue.contains("URL: http://127.0.0.1:8080/monitors/issues/" + issueId + "\n"), issue);
      String channels = session.call("list_channels", Map.of()).text();
      assertTrue(channels.contains("ops") && channels.contains("webhook"), channels);
    }
  }

  @Test
  void aReadOnlyTokenGetsAnErrorFromEveryWriteTool() {
    Tenant tenant = seed.tenant();
    List<Map<String, Object>> queries =
        List.of(Map.of("label", "A", "metric", seed.metric(), "aggregate", "max"));
    Map<String, Map<String, Object>> calls =
        Map.of(
            "save_query",
                Map.of("name", "nope", "projects", List.of(tenant.projectId()), "queries", queries),
            "add_dashboard_widget",
                Map.of(
                    "dashboardName",
                    "nope",
                    "projects",
                    List.of(tenant.projectId()),
                    "queries",
                    queries),
            "create_monitor",
                Map.of(
                    "name",
                    "nope",
                    "projects",
                    List.of(tenant.projectId()),
                    "queries",
                    queries,
                    "detection",
                    Map.of("type", "threshold", "direction", "above", "critical", 1)));
    assertEquals(WRITE_TOOLS, calls.keySet());
    try (McpSession session = new McpSession(base, tenant.readToken())) {
      session.initialize();
      calls.forEach(
          (tool, arguments) -> {
            McpSession.Answer answer = session.call(tool, arguments);
            assertTrue(answer.error(), tool + ": " + answer.text());
            assertEquals("403 forbidden: The token lacks the 'write' scope", answer.text(), tool);
          });
    }
  }

  @Test
  void anotherOrganizationsProjectIsRefused() {
    Tenant tenant = seed.tenant();
    long theirs = other.projectId();
    try (McpSession session = new McpSession(base, tenant.readToken())) {
      session.initialize();
      List<McpSession.Answer> answers =
          List.of(
              session.call("list_metrics", Map.of("projects", List.of(theirs))),
              session.call(
                  "query_timeseries",
                  Map.of(
                      "projects",
                      List.of(theirs),
                      "queries",
                      List.of(
                          Map.of("label", "A", "metric", seed.metric(), "aggregate", "count")))),
              session.call("get_trace", Map.of("project", theirs, "traceId", seed.slowTraceId())),
              session.call(
                  "explain_change", Map.of("projects", List.of(theirs), "metric", seed.metric())));
      for (McpSession.Answer answer : answers) {
        assertTrue(answer.error(), answer.text());
        assertTrue(
            answer
                .text()
                .startsWith(
                    "403 forbidden: Project " + theirs + " is not one of your organization's"),
            answer.text());
      }
    }
  }

  private static long awaitIssue(Tenant tenant, long monitorId) throws InterruptedException {
    String url =
        ConfigProvider.getConfig().getValue("appmetrics.monitor-service.url", String.class);
    for (int attempt = 0; attempt < 60; attempt++) {
      List<Integer> ids =
          given()
              .auth()
              .oauth2(tenant.readToken())
              .get(url + "/api/v1/issues?monitor=" + monitorId)
              .then()
              .statusCode(200)
              .extract()
              .jsonPath()
              .getList("items.id");
      if (!ids.isEmpty()) {
        return ids.get(0);
      }
      Thread.sleep(1000);
    }
    throw new AssertionError("monitor " + monitorId + " opened no issue within 60 s");
  }

  private static long id(String text, String pattern) {
    Matcher matcher = Pattern.compile(pattern).matcher(text);
    assertTrue(matcher.find(), text);
    return Long.parseLong(matcher.group(1));
  }

  private static RequestSpecification rest(String token) {
    return given().auth().oauth2(token).contentType(ContentType.JSON);
  }
}
