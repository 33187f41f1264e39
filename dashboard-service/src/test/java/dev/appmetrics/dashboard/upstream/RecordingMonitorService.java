package dev.appmetrics.dashboard.upstream;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for monitor-service that records each request the proxy sends it and answers what the test set, so a
 * test can see exactly what crossed the boundary (every header included), which the real service cannot show.
 */
public class RecordingMonitorService implements QuarkusTestResourceLifecycleManager {

  /** One request as it arrived: method, path with its query, headers (lower-case names) and body. */
  public record Received(
      String method, String pathAndQuery, Map<String, List<String>> headers, String body) {}

  /** What the stand-in answers next. */
  public record Answer(int status, String body) {}

  private static final LinkedBlockingQueue<Received> RECEIVED = new LinkedBlockingQueue<>();
  private static volatile Answer answer = new Answer(200, "{\"ok\":true}");
  private HttpServer server;

  @Override
  public Map<String, String> start() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/",
        exchange -> {
          Map<String, List<String>> headers = new java.util.TreeMap<>();
          exchange
              .getRequestHeaders()
              .forEach((name, values) -> headers.put(name.toLowerCase(), values));
          RECEIVED.add(
              new Received(
                  exchange.getRequestMethod(),
                  exchange.getRequestURI().getRawPath()
                      + (exchange.getRequestURI().getRawQuery() == null
                          ? ""
                          : "?" + exchange.getRequestURI().getRawQuery()),
                  headers,
                  new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
          Answer now = answer;
          byte[] body = now.body().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(now.status(), now.status() == 204 ? -1 : body.length);
          if (now.status() != 204) {
            exchange.getResponseBody().write(body);
          }
          exchange.close();
        });
    server.start();
    return Map.of(
        "appmetrics.monitor-service.url", "http://127.0.0.1:" + server.getAddress().getPort());
  }

  @Override
  public void stop() {
    server.stop(0);
  }

  /** Forgets earlier requests and sets the next answers. */
  public static void reset(int status, String body) {
    RECEIVED.clear();
    answer = new Answer(status, body);
  }

  /** The next request received, or null if none comes within a second. */
  public static Received next() throws InterruptedException {
    return RECEIVED.poll(1, TimeUnit.SECONDS);
  }
}
