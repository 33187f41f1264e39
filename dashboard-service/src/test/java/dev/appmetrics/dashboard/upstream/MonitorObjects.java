package dev.appmetrics.dashboard.upstream;

import static io.restassured.RestAssured.given;

import dev.appmetrics.dashboard.explorer.TestOrganization;
import dev.appmetrics.dashboard.web.ClickHouseSeed;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Monitors, channels and issues of an organization, made through dashboard-service's proxy to the real service. */
public final class MonitorObjects {

  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private MonitorObjects() {}

  /** A Slack channel to a receiver nobody listens at; test profiles allow loopback targets. */
  public static long channel(String token, String name) throws InterruptedException {
    return create(
        token,
        "/api/v1/channels",
        "{\"name\":\""
            + name
            + "\",\"type\":\"slack\","
            + "\"config\":{\"url\":\"http://127.0.0.1:9/hook\"}}");
  }

  /**
   * A monitor whose condition always holds (a count above -1, evaluated every 10 s) of a metric whose one event is an
   * hour old: monitor-service accepts it (the metric exists), and its first evaluation opens an issue.
   */
  public static long firingMonitor(String token, long organizationId, long projectId, String name)
      throws InterruptedException, IOException {
    String metric = "gone.quiet." + UUID.randomUUID().toString().substring(0, 8);
    long hourAgo = Instant.now().minus(Duration.ofHours(1)).toEpochMilli();
    ClickHouseSeed.insert(
        "metric_events",
        List.of(
            ClickHouseSeed.distribution(
                new TestOrganization(organizationId, projectId, token),
                metric,
                hourAgo,
                1.0,
                ClickHouseSeed.traceId(),
                ClickHouseSeed.spanId(),
                Map.of())));
    return create(
        token,
        "/api/v1/monitors",
        "{\"name\":\""
            + name
            + "\",\"query\":{\"projects\":["
            + projectId
            + "],\"queries\":[{\"label\":\"A\",\"metric\":\""
            + metric
            + "\",\"aggregate\":\"count\"}],"
            + "\"window\":\"1m\"},"
            + "\"detection\":{\"type\":\"threshold\",\"direction\":\"above\",\"critical\":-1},"
            + "\"evaluation\":{\"every\":\"10s\",\"delay\":\"0s\"}}");
  }

  /** A silence of the monitor's region:eu group for the next day. */
  public static long silence(String token, long monitorId) throws InterruptedException {
    return create(
        token,
        "/api/v1/silences",
        "{\"comment\":\"probe\",\"monitors\":["
            + monitorId
            + "],"
            + "\"match\":\"region:eu\",\"endsAt\":\""
            + Instant.now().plus(Duration.ofDays(1))
            + "\"}");
  }

  /** The first issue the monitor opened, waiting for its evaluation. */
  public static long firstIssue(String token, long monitorId) throws InterruptedException {
    Instant deadline = Instant.now().plus(PATIENCE);
    while (Instant.now().isBefore(deadline)) {
      List<Long> ids =
          given()
              .auth()
              .oauth2(token)
              .when()
              .get("/api/v1/issues?monitor=" + monitorId)
              .then()
              .statusCode(200)
              .extract()
              .jsonPath()
              .getList("items.id", Long.class);
      if (!ids.isEmpty()) {
        return ids.get(0);
      }
      Thread.sleep(1000);
    }
    throw new AssertionError("monitor " + monitorId + " opened no issue within " + PATIENCE);
  }

  /**
   * Creates, waiting out the moments after a new organization appears: monitor-service answers 401 until it has read
   * the token, and refuses to save a monitor (503) until query-service, which validates it, knows the project.
   */
  private static long create(String token, String path, String body) throws InterruptedException {
    Instant deadline = Instant.now().plus(PATIENCE);
    Response response;
    do {
      response =
          given().auth().oauth2(token).contentType(ContentType.JSON).body(body).when().post(path);
      if (response.statusCode() == 201) {
        return response.jsonPath().getLong("id");
      }
      Thread.sleep(500);
    } while ((response.statusCode() == 401 || response.statusCode() == 503)
        && Instant.now().isBefore(deadline));
    throw new AssertionError(
        "POST " + path + " answered " + response.statusCode() + ": " + response.asString());
  }
}
