package dev.appmetrics.common.clickhouse;

import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * ClickHouse over its HTTP interface: non-blocking and indifferent to the server version (18.16 locally,
 * 24.x+ in production). SQL arrives here already built and escaped by the callers' query builders;
 * this class only transports it. Every statement carries a {@code query_id} naming its sender.
 */
@ApplicationScoped
@IfBuildProperty(name = "appmetrics.clickhouse.enabled", stringValue = "true")
public class ClickHouseClient {

  /** Below Netty's pooled chunk size, and below half a G1 region, so no piece is a humongous object. */
  public static final int INSERT_PIECE_BYTES = 256 * 1024;

  private final ClickHouseConfig config;
  private final WebClient client;

  /** For resending a read whose pooled connection was closed: a new connection, never one that may be closing. */
  private final WebClient unpooled;

  public ClickHouseClient(Vertx vertx, ClickHouseConfig config) {
    this.config = config;
    URI base = URI.create(config.url());
    WebClientOptions options =
        new WebClientOptions()
            .setDefaultHost(base.getHost())
            .setDefaultPort(base.getPort() < 0 ? 8123 : base.getPort())
            .setTryUseCompression(true);
    this.client =
        WebClient.create(
            vertx,
            new WebClientOptions(options)
                .setKeepAlive(true)
                .setKeepAliveTimeout((int) Math.max(1, config.idleTimeout().toSeconds()))
                .setMaxPoolSize(16));
    this.unpooled = WebClient.create(vertx, new WebClientOptions(options).setKeepAlive(false));
  }

  @PreDestroy
  void close() {
    client.close();
    unpooled.close();
  }

  /** {@code GET /ping}: true when the server answers "Ok.". */
  public Uni<Boolean> ping() {
    return client
        .get("/ping")
        .timeout(2_000)
        .send()
        .map(r -> r.statusCode() == 200)
        .onFailure()
        .recoverWithItem(false);
  }

  /** Runs a statement in the configured database and returns the body (for SELECTs, in the format the SQL names). */
  public Uni<String> execute(String sql, String sender, Map<String, String> settings) {
    return request(client, sender, settings, true)
        .sendBuffer(Buffer.buffer(sql))
        .map(ClickHouseClient::bodyOrThrow);
  }

  /**
   * Runs a read-only statement, like {@link #execute}, and sends it once more, on a new connection, when the pooled
   * one was closed under it: the server closes idle connections after its keep-alive timeout, which it also tells the
   * client (Vert.x then keeps them exactly that long), so a read can go out just as the server closes. Only reads
   * are resent; a write may have been applied before the connection broke.
   */
  public Uni<String> query(String sql, String sender, Map<String, String> settings) {
    return execute(sql, sender, settings)
        .onFailure(ClickHouseClient::connectionLost)
        .recoverWithUni(
            () ->
                request(unpooled, sender, settings, true)
                    .sendBuffer(Buffer.buffer(sql))
                    .map(ClickHouseClient::bodyOrThrow));
  }

  /** Same as {@link #execute} but outside any database, for {@code CREATE DATABASE}. */
  public Uni<String> executeWithoutDatabase(String sql, String sender) {
    return request(client, sender, Map.of(), false)
        .sendBuffer(Buffer.buffer(sql))
        .map(ClickHouseClient::bodyOrThrow);
  }

  /**
   * Inserts rows given as JSONEachRow text, in pieces. The INSERT statement travels in the {@code query} parameter
   * and the rows in the body, as ClickHouse's HTTP interface expects for streamed data. A writer's batch is tens of
   * megabytes: sent as one buffer, Netty would allocate (and zero) a direct buffer of that size for every insert,
   * while pieces of at most {@link #INSERT_PIECE_BYTES} are copied through its pooled ones.
   *
   * <p>Synchronous on a cluster ({@code insert_distributed_sync}): into a Distributed table, the answer comes once every
   * shard's replica stored its rows, not once they were queued on the server that took the insert, so a writer that
   * commits its Kafka offsets after the answer never commits rows a dead server held; the setting changes nothing
   * for other tables.
   */
  public Uni<Void> insertJsonEachRow(
      String table, List<Buffer> rows, String sender, Map<String, String> settings) {
    return insert("INSERT INTO " + table + " FORMAT JSONEachRow", rows, sender, settings);
  }

  /**
   * Inserts one or more blocks of ClickHouse's Native format (without block-info headers, as the HTTP interface reads
   * them) into the named columns, in pieces and synchronously like {@link #insertJsonEachRow}. Column names are the
   * caller's own constants, never user input.
   */
  public Uni<Void> insertNative(
      String table,
      List<String> columns,
      List<Buffer> blocks,
      String sender,
      Map<String, String> settings) {
    return insert(
        "INSERT INTO " + table + " (" + String.join(", ", columns) + ") FORMAT Native",
        blocks,
        sender,
        settings);
  }

  private Uni<Void> insert(
      String statement, List<Buffer> body, String sender, Map<String, String> settings) {
    long length = body.stream().mapToLong(Buffer::length).sum();
    HttpRequest<Buffer> request =
        request(client, sender, settings, true)
            .addQueryParam("insert_distributed_sync", "1")
            .addQueryParam("query", statement)
            .putHeader("Content-Length", Long.toString(length));
    return request
        .sendStream(Multi.createFrom().iterable(body))
        .map(ClickHouseClient::bodyOrThrow)
        .replaceWithVoid();
  }

  public String database() {
    return config.database();
  }

  private HttpRequest<Buffer> request(
      WebClient via, String sender, Map<String, String> settings, boolean inDatabase) {
    HttpRequest<Buffer> request =
        via.request(HttpMethod.POST, "/")
            .timeout(config.requestTimeout().toMillis())
            .addQueryParam("query_id", sender + "-" + UUID.randomUUID())
            .putHeader("X-ClickHouse-User", config.user());
    config.password().ifPresent(password -> request.putHeader("X-ClickHouse-Key", password));
    if (inDatabase) {
      request.addQueryParam("database", config.database());
    }
    settings.forEach(request::addQueryParam);
    return request;
  }

  private static boolean connectionLost(Throwable failure) {
    return failure instanceof HttpClosedException || failure instanceof IOException;
  }

  private static String bodyOrThrow(HttpResponse<Buffer> response) {
    String body = response.bodyAsString() == null ? "" : response.bodyAsString();
    if (response.statusCode() != 200) {
      throw new ClickHouseException(
          response.statusCode(), response.getHeader(ClickHouseException.CODE_HEADER), body.strip());
    }
    return body;
  }
}
