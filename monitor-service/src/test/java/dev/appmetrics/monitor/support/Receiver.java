package dev.appmetrics.monitor.support;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A local HTTP receiver on a random loopback port standing in for Slack, PagerDuty or a webhook: it records every
 * request and answers 2xx, or fails a number of times first, or never answers at all.
 */
public final class Receiver implements AutoCloseable {

  /** One request as the receiver saw it, and whether it was answered with success. */
  public record Request(String path, Map<String, String> headers, String body, boolean accepted) {}

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private volatile boolean silent;
  private volatile int successStatus = 200;

  private Receiver(Vertx vertx) throws Exception {
    server =
        vertx
            .createHttpServer()
            .requestHandler(this::handle)
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
  }

  public static Receiver start(Vertx vertx) throws Exception {
    return new Receiver(vertx);
  }

  /** Answers 500 to the next {@code times} requests, then succeeds. */
  public Receiver failingFirst(int times) {
    failuresLeft.set(times);
    return this;
  }

  /** Reads every request and never answers. */
  public Receiver silent() {
    silent = true;
    return this;
  }

  /** PagerDuty's Events API answers 202. */
  public Receiver answering(int status) {
    successStatus = status;
    return this;
  }

  public String url() {
    return "http://127.0.0.1:" + server.actualPort() + "/hook";
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  public List<Request> accepted() {
    return requests.stream().filter(Request::accepted).toList();
  }

  /** Waits until {@code count} requests matching {@code which} arrived, and returns them all. */
  public List<Request> await(Predicate<Request> which, int count, Duration atMost)
      throws InterruptedException {
    long deadline = System.nanoTime() + atMost.toNanos();
    while (System.nanoTime() < deadline) {
      List<Request> matching = requests.stream().filter(which).toList();
      if (matching.size() >= count) {
        return matching;
      }
      Thread.sleep(50);
    }
    throw new AssertionError(
        "Expected "
            + count
            + " requests at "
            + url()
            + " within "
            + atMost
            + ", got "
            + requests.stream().filter(which).count()
            + ": "
            + requests);
  }

  private void handle(HttpServerRequest request) {
    request
        .body()
        .onSuccess(
            body -> {
              Map<String, String> headers =
                  request.headers().entries().stream()
                      .collect(
                          Collectors.toMap(
                              e -> e.getKey().toLowerCase(java.util.Locale.ROOT),
                              Map.Entry::getValue,
                              (a, b) -> a));
              if (silent) {
                requests.add(new Request(request.path(), headers, body.toString(), false));
                return;
              }
              boolean fail = failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
              requests.add(new Request(request.path(), headers, body.toString(), !fail));
              request
                  .response()
                  .setStatusCode(fail ? 500 : successStatus)
                  .end(fail ? "try again" : "ok");
            });
  }

  @Override
  public void close() throws Exception {
    server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
