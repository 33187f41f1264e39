package dev.appmetrics.dashboard.isolation;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.appmetrics.dashboard.organization.Tenants;
import dev.appmetrics.dashboard.organization.Tenants.Tenant;
import dev.appmetrics.dashboard.upstream.MonitorObjects;
import dev.appmetrics.dashboard.upstream.MonitorServiceProcess;
import dev.appmetrics.dashboard.upstream.QueryServiceProcess;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Tenant isolation for every endpoint of this service, discovered from its OpenAPI document, so a new endpoint is
 * checked the day it appears. Organization A's admin token is sent to every endpoint with organization B's resources
 * in the path: each must answer 403, and afterwards B must be exactly as before. Endpoints forwarded to query-service
 * or monitor-service ({@link #PROXIED}) are answered by the real services, started for this test; A's requests name
 * B's project in their body or query, which the service must refuse with 403 (or the 400 of {@link
 * #REFUSED_AS_INVALID}; a 502 from an absent service fails).
 * The other endpoints (lists, creations in the caller's own organization) must answer 403 or show nothing of B: no
 * object of B's organization, of one of B's ids of its type, or referring to one of B's projects ({@link
 * OwnedObjects}).
 *
 * <p>Adding an endpoint: if it takes a request body, add one to {@link #BODIES}; if its path names a new kind of
 * resource, add a rule to {@link #B_RESOURCES} that creates one for B. The test fails with that instruction until
 * you do. A new proxied read names B's project in {@link #QUERY_PARAMETERS}.
 */
@QuarkusTest
@WithTestResource(MonitorServiceProcess.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantIsolationTest {

  private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]+)}");

  /**
   * A valid body per endpoint, given the tenant whose resources it names: A's where B's resource is in the path (so
   * that only the path's organization check can refuse), B's otherwise (so that the body's check must refuse).
   */
  private static final Map<String, Function<Tenant, String>> BODIES =
      Map.ofEntries(
          Map.entry(
              "POST /api/v1/organizations",
              b -> "{\"slug\":\"" + Tenants.uniqueSlug("probe") + "\",\"name\":\"P\"}"),
          Map.entry(
              "POST /api/v1/organizations/{organizationId}/admin-tokens",
              b -> "{\"name\":\"probe\"}"),
          Map.entry(
              "POST /api/v1/projects",
              b -> "{\"slug\":\"" + Tenants.uniqueSlug("probe") + "\",\"name\":\"P\"}"),
          Map.entry("POST /api/v1/projects/{projectId}/keys", b -> "{\"label\":\"probe\"}"),
          Map.entry("PUT /api/v1/projects/{projectId}/retention", a -> "{\"days\":90}"),
          Map.entry("POST /api/v1/projects/{projectId}/keys/{keyId}/rotate", b -> ""),
          Map.entry("POST /api/v1/tokens", b -> "{\"name\":\"probe\",\"scopes\":[\"read\"]}"),
          Map.entry("POST /api/v1/tokens/{tokenId}/rotate", b -> ""),
          Map.entry("POST /api/v1/saved-queries", b -> savedQuery("probe", b, null)),
          Map.entry("PUT /api/v1/saved-queries/{id}", b -> savedQuery("probe", b, 0L)),
          Map.entry("POST /api/v1/dashboards", b -> dashboard("probe", b, null)),
          Map.entry("PUT /api/v1/dashboards/{id}", b -> dashboard("probe", b, 0L)),
          Map.entry(
              "POST /api/v1/query/{endpoint}",
              b ->
                  "{\"projects\":["
                      + b.projectId()
                      + "],\"period\":\"1h\","
                      + "\"queries\":[{\"label\":\"A\",\"metric\":\"m\",\"aggregate\":\"count\"}]}"),
          Map.entry(
              "POST /api/v1/query/heatmap",
              b ->
                  "{\"projects\":["
                      + b.projectId()
                      + "],\"period\":\"1h\","
                      + "\"query\":{\"metric\":\"m\"}}"),
          Map.entry(
              "POST /api/v1/traces/{endpoint}",
              b ->
                  "{\"project\":"
                      + b.projectId()
                      + ",\"period\":\"1h\","
                      + "\"conditions\":[{\"kind\":\"span\",\"op\":\"db.query\"}]}"),
          Map.entry(
              "POST /api/v1/monitors",
              b ->
                  "{\"name\":\"probe\",\"query\":{\"projects\":["
                      + b.projectId()
                      + "],"
                      + "\"queries\":[{\"label\":\"A\",\"metric\":\"m\",\"aggregate\":\"count\"}]},"
                      + "\"detection\":{\"type\":\"threshold\",\"direction\":\"above\",\"critical\":1}}"),
          Map.entry(
              "PUT /api/v1/monitors/{id}",
              a ->
                  "{\"name\":\"probe\",\"query\":{\"projects\":["
                      + a.projectId()
                      + "],\"queries\":[{\"label\":\"A\",\"metric\":\"m\",\"aggregate\":\"count\"}]},"
                      + "\"detection\":{\"type\":\"threshold\",\"direction\":\"above\",\"critical\":1}}"),
          Map.entry("POST /api/v1/issues/{id}/{action}", a -> "{\"duration\":\"1h\"}"),
          Map.entry(
              "POST /api/v1/channels",
              b ->
                  "{\"name\":\"probe\",\"type\":\"slack\","
                      + "\"config\":{\"url\":\"http://127.0.0.1:9/probe\"}}"),
          Map.entry(
              "PUT /api/v1/channels/{id}",
              a ->
                  "{\"name\":\"probe\",\"type\":\"slack\","
                      + "\"config\":{\"url\":\"http://127.0.0.1:9/probe\"}}"),
          Map.entry("POST /api/v1/channels/{id}/test", a -> ""),
          Map.entry(
              "POST /api/v1/silences",
              b ->
                  "{\"comment\":\"probe\",\"project\":"
                      + b.projectId()
                      + ",\"endsAt\":\"2099-01-01T00:00:00Z\"}"),
          Map.entry(
              "PUT /api/v1/silences/{id}",
              a ->
                  "{\"comment\":\"probe\",\"project\":"
                      + a.projectId()
                      + ",\"endsAt\":\"2099-01-01T00:00:00Z\"}"));

  /**
   * What a path parameter stands for, by the path up to and including it: one of B's resources (created on first
   * use) or, for parameters that name no resource, a plain value.
   */
  private static final Map<String, Function<Tenant, Object>> B_RESOURCES =
      Map.ofEntries(
          Map.entry("/api/v1/monitors/{id}", b -> monitorOf(b)),
          Map.entry(
              "/api/v1/issues/{id}",
              b -> uncheck(() -> MonitorObjects.firstIssue(b.adminToken(), monitorOf(b)))),
          Map.entry("/api/v1/issues/{id}/{action}", b -> "snooze"),
          Map.entry(
              "/api/v1/channels/{id}",
              b -> uncheck(() -> MonitorObjects.channel(b.adminToken(), "ch-" + b.slug()))),
          Map.entry(
              "/api/v1/silences/{id}",
              b -> uncheck(() -> MonitorObjects.silence(b.adminToken(), monitorOf(b)))),
          Map.entry("/api/v1/organizations/{organizationId}", Tenant::organizationId),
          Map.entry("/api/v1/projects/{projectId}", Tenant::projectId),
          Map.entry("/api/v1/projects/{projectId}/keys/{keyId}", Tenant::keyId),
          Map.entry("/api/v1/tokens/{tokenId}", Tenant::readTokenId),
          Map.entry(
              "/api/v1/saved-queries/{id}",
              b -> create(b, "/api/v1/saved-queries", savedQuery("sq-" + b.slug(), b, null))),
          Map.entry(
              "/api/v1/dashboards/{id}",
              b -> create(b, "/api/v1/dashboards", dashboard("db-" + b.slug(), b, null))),
          Map.entry("/api/v1/query/{endpoint}", b -> "timeseries"),
          Map.entry("/api/v1/catalog/{path}", b -> "metrics"),
          Map.entry("/api/v1/traces/{traceId}", b -> "4bf92f3577b34da6a3ce929d0e0e4736"),
          Map.entry("/api/v1/traces/{endpoint}", b -> "search"));

  /** Parameters of {@link #B_RESOURCES} that name no resource of B (the query proxy's, an issue's action). */
  private static final Set<String> NOT_RESOURCES =
      Set.of(
          "/api/v1/query/{endpoint}",
          "/api/v1/catalog/{path}",
          "/api/v1/traces/{traceId}",
          "/api/v1/traces/{endpoint}",
          "/api/v1/issues/{id}/{action}");

  /**
   * Requests this service forwards to query-service or monitor-service carrying a project (B's, in A's probe), which
   * the service must refuse. Monitor-service's other endpoints name B's monitors, issues and channels in their path.
   */
  private static final List<String> PROXIED =
      List.of("/api/v1/query/", "/api/v1/catalog/", "/api/v1/traces/");

  private static final Set<String> PROXIED_WITH_PROJECT =
      Set.of("POST /api/v1/monitors", "POST /api/v1/silences");

  /**
   * monitor-service checks a monitor's (and a silence's) projects with the rest of its fields: another organization's
   * project is the same 400 on {@code query.projects} ({@code project}) as an unknown one, so it tells nothing about B.
   */
  private static final Map<String, Integer> REFUSED_AS_INVALID =
      Map.of("POST /api/v1/monitors", 400, "POST /api/v1/silences", 400);

  /** B's monitor, made once: the issue's too, so that B's issue list holds exactly what its monitors opened. */
  private static final Map<Long, Long> MONITORS = new HashMap<>();

  private static long monitorOf(Tenant b) {
    return MONITORS.computeIfAbsent(
        b.organizationId(),
        o ->
            uncheck(
                () ->
                    MonitorObjects.firingMonitor(
                        b.adminToken(), b.organizationId(), b.projectId(), "mon-" + b.slug())));
  }

  interface Waiting<T> {
    T get() throws InterruptedException, IOException;
  }

  private static <T> T uncheck(Waiting<T> call) {
    try {
      return call.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Query parameters of the proxied reads, given B: B's project, as the UI names its own. */
  private static final Map<String, Function<Tenant, Map<String, ?>>> QUERY_PARAMETERS =
      Map.of(
          "GET /api/v1/catalog/{path}", b -> Map.of("project", b.projectId()),
          "GET /api/v1/traces/{traceId}", b -> Map.of("project", b.projectId()));

  static String savedQuery(String name, Tenant owner, Long version) {
    return "{\"name\":\""
        + name
        + "\","
        + (version == null ? "" : "\"version\":" + version + ",")
        + "\"spec\":{\"projects\":["
        + owner.projectId()
        + "],\"period\":\"24h\","
        + "\"queries\":[{\"label\":\"A\",\"metric\":\"checkout.latency\",\"aggregate\":\"count\"}]}}";
  }

  static String dashboard(String name, Tenant owner, Long version) {
    return "{\"name\":\""
        + name
        + "\","
        + (version == null ? "" : "\"version\":" + version + ",")
        + "\"spec\":{\"projects\":["
        + owner.projectId()
        + "],\"period\":\"24h\",\"widgets\":[]}}";
  }

  private static long create(Tenant owner, String path, String body) {
    return given()
        .auth()
        .oauth2(owner.adminToken())
        .contentType(ContentType.JSON)
        .body(body)
        .when()
        .post(path)
        .then()
        .statusCode(201)
        .extract()
        .jsonPath()
        .getLong("id");
  }

  private Tenant a;
  private Tenant b;
  private List<Endpoint> endpoints;
  private final Map<String, String> resolved = new HashMap<>();
  private OwnedObjects objectsOfB;

  record Endpoint(String method, String path) {
    String name() {
      return method + " " + path;
    }

    boolean namesResources() {
      Matcher parameter = PATH_PARAMETER.matcher(path);
      while (parameter.find()) {
        if (!NOT_RESOURCES.contains(path.substring(0, parameter.end()))) {
          return true;
        }
      }
      return false;
    }

    boolean proxied() {
      return PROXIED.stream().anyMatch(path::startsWith) || PROXIED_WITH_PROJECT.contains(name());
    }

    /** B's resources in the path, or B's project in what a proxied request carries. */
    boolean namesB() {
      return namesResources() || proxied();
    }
  }

  /**
   * The collection a path template names last, which is also the type of its objects:
   * {@code /api/v1/projects/{projectId}/keys/{keyId}} and {@code /api/v1/projects/{projectId}/keys} name keys.
   */
  static String collection(String template) {
    String[] segments = template.replaceFirst("/\\{[^}]+}$", "").split("/");
    return segments[segments.length - 1];
  }

  /** Once per class; in a @BeforeEach because RestAssured knows the test port only from then on. */
  @BeforeEach
  void tenants() {
    if (endpoints == null) {
      a = Tenants.create();
      b = Tenants.create();
      endpoints = discoverEndpoints();
      // B's resources exist before any probe, so that lists probed first could show them.
      endpoints.forEach(endpoint -> concretePath(endpoint.path()));
      objectsOfB = new OwnedObjects(b.organizationId());
      resolved.forEach(
          (template, id) -> {
            if (!NOT_RESOURCES.contains(template)) {
              objectsOfB.add(collection(template), Long.parseLong(id));
            }
          });
    }
  }

  @Test
  void theOpenApiDocumentListsTheControlPlane() {
    Set<String> names = new TreeSet<>();
    endpoints.forEach(e -> names.add(e.name()));
    assertTrue(
        names.containsAll(
            Set.of(
                "GET /api/v1/projects",
                "DELETE /api/v1/projects/{projectId}/keys/{keyId}",
                "POST /api/v1/tokens/{tokenId}/rotate",
                "POST /api/v1/organizations")),
        "discovered: " + names);
  }

  @Test
  void noEndpointAnswersWithoutAToken() {
    for (Endpoint endpoint : endpoints) {
      assertEquals(401, call(given(), endpoint).statusCode(), endpoint.name() + " without a token");
      assertEquals(
          401,
          call(given().auth().oauth2("amt_" + "0".repeat(40)), endpoint).statusCode(),
          endpoint.name() + " with an unknown token");
    }
  }

  @Test
  void organizationAReadsListsChangesAndDeletesNothingOfOrganizationB()
      throws InterruptedException {
    // Otherwise the upstreams' 401 for a token they have not read yet would be all that is probed.
    QueryServiceProcess.awaitKnows(a.adminToken(), a.projectId());
    MonitorServiceProcess.awaitKnows(a.adminToken());
    List<String> failures = new ArrayList<>();
    for (Endpoint endpoint : endpoints) {
      Response response = call(given().auth().oauth2(a.adminToken()), endpoint);
      int status = response.statusCode();
      if (endpoint.namesB() && status != REFUSED_AS_INVALID.getOrDefault(endpoint.name(), 403)) {
        failures.add(
            endpoint.name()
                + " naming B's "
                + (endpoint.proxied() ? "project" : "resources")
                + " answered "
                + status
                + ": "
                + response.asString());
      } else if (!endpoint.namesB() && status != 403) {
        List<String> shown = objectsOfB.shownIn(collection(endpoint.path()), response.asString());
        if (!shown.isEmpty()) {
          failures.add(endpoint.name() + " showed B's " + shown + ": " + response.asString());
        }
      }
    }
    assertEquals(List.of(), failures);
    bIsUntouched();
  }

  private void bIsUntouched() {
    resolved.forEach(
        (template, id) -> {
          if (!NOT_RESOURCES.contains(template)) {
            String path =
                PATH_PARAMETER
                    .matcher(template)
                    .replaceAll(m -> resolved.get(template.substring(0, m.end())));
            assertEquals(
                200,
                given().auth().oauth2(b.adminToken()).when().get(path).statusCode(),
                "B still has " + path);
          }
        });
    given()
        .auth()
        .oauth2(b.adminToken())
        .when()
        .get("/api/v1/organizations/" + b.organizationId())
        .then()
        .statusCode(200);
    given()
        .auth()
        .oauth2(b.readToken())
        .when()
        .get("/api/v1/projects/" + b.projectId())
        .then()
        .statusCode(200);
    Response keys =
        given()
            .auth()
            .oauth2(b.readToken())
            .when()
            .get("/api/v1/projects/" + b.projectId() + "/keys");
    assertEquals(List.of(b.publicKey()), keys.jsonPath().getList("items.publicKey"), "B's keys");
    Response tokens = given().auth().oauth2(b.adminToken()).when().get("/api/v1/tokens");
    assertEquals(
        2, tokens.jsonPath().getInt("total"), "B's tokens: its admin and its reader, nothing new");
    Response projects = given().auth().oauth2(b.readToken()).when().get("/api/v1/projects");
    assertEquals(
        List.of(b.projectSlug()), projects.jsonPath().getList("items.slug"), "B's projects");
  }

  private Response call(RequestSpecification request, Endpoint endpoint) {
    Function<Tenant, String> bodyOf = BODIES.get(endpoint.name());
    if (bodyOf == null && Set.of("POST", "PUT", "PATCH").contains(endpoint.method())) {
      fail(endpoint.name() + " takes a body: add a valid one to TenantIsolationTest.BODIES");
    }
    String body = bodyOf == null ? null : bodyOf.apply(endpoint.namesResources() ? a : b);
    if (body != null && !body.isEmpty()) {
      request = request.contentType(ContentType.JSON).body(body);
    }
    Function<Tenant, Map<String, ?>> queryOf = QUERY_PARAMETERS.get(endpoint.name());
    if (queryOf != null) {
      request = request.queryParams(queryOf.apply(b));
    }
    return request.when().request(endpoint.method(), concretePath(endpoint.path()));
  }

  /** Fills every path parameter with B's resource of that kind. */
  private String concretePath(String template) {
    Matcher parameter = PATH_PARAMETER.matcher(template);
    StringBuilder path = new StringBuilder();
    while (parameter.find()) {
      String prefix = template.substring(0, parameter.end());
      Function<Tenant, Object> resource = B_RESOURCES.get(prefix);
      if (resource == null) {
        fail("No resource of B for " + prefix + ": add a rule to TenantIsolationTest.B_RESOURCES");
      }
      parameter.appendReplacement(
          path, resolved.computeIfAbsent(prefix, p -> String.valueOf(resource.apply(b))));
    }
    parameter.appendTail(path);
    return path.toString();
  }

  private static List<Endpoint> discoverEndpoints() {
    Map<String, Map<String, Object>> paths =
        given()
            .queryParam("format", "json")
            .when()
            .get("/q/openapi")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getMap("paths");
    List<Endpoint> found = new ArrayList<>();
    paths.forEach(
        (path, operations) -> {
          if (path.startsWith("/api/")) {
            operations.keySet().stream()
                .filter(
                    m ->
                        Set.of("get", "put", "post", "delete", "patch", "head", "options")
                            .contains(m))
                .forEach(m -> found.add(new Endpoint(m.toUpperCase(), path)));
          }
        });
    assertFalse(found.isEmpty(), "no endpoints under /api/ in the OpenAPI document");
    return found;
  }
}
