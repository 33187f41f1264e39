package dev.appmetrics.monitor.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PfxOptions;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpServer;
import io.vertx.mutiny.ext.web.client.WebClient;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A POST pinned to the checked address keeps the URL's host for everything but the connection: the receiver (an HTTPS
 * server on loopback with a certificate for a name no DNS knows) sees that name as Host header and TLS server name,
 * and the certificate is checked against it.
 */
class TargetTests {

  private static final String NAME = "receiver.appmetrics.test";
  private static final String PASSWORD = UUID.randomUUID().toString();

  private static Vertx vertx;
  private static HttpServer server;
  private static WebClient client;
  private static final List<String> seen = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void httpsReceiverWithACertificateForTheName() throws Exception {
    Path keystore = Files.createTempDirectory(Path.of("target"), "tls-").resolve("receiver.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "receiver",
                "-keyalg",
                "EC",
                "-dname",
                "CN=" + NAME,
                "-ext",
                "SAN=dns:" + NAME,
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                keystore.toString(),
                "-storepass",
                PASSWORD)
            .redirectErrorStream(true)
            .start();
    assertTrue(
        keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0,
        new String(keytool.getInputStream().readAllBytes()));
    PfxOptions store = new PfxOptions().setPath(keystore.toString()).setPassword(PASSWORD);
    vertx = Vertx.vertx();
    server =
        vertx
            .createHttpServer(
                new HttpServerOptions().setSsl(true).setSni(true).setKeyCertOptions(store))
            .requestHandler(
                request -> {
                  seen.add(
                      request.getHeader("Host") + " " + request.connection().indicatedServerName());
                  request.response().endAndForget("ok");
                })
            .listenAndAwait(0, "127.0.0.1");
    client = WebClient.create(vertx, new WebClientOptions().setTrustOptions(store));
  }

  @AfterAll
  static void stop() {
    client.close();
    vertx.closeAndAwait();
  }

  private static Target target(String host) throws Exception {
    return new Target(
        URI.create("https://" + host + ":" + server.actualPort() + "/hook"),
        InetAddress.getByName("127.0.0.1"));
  }

  @Test
  void sendsToTheCheckedAddressWithTheUrlsHostAsHostHeaderAndServerName() throws Exception {
    assertEquals(200, target(NAME).post(client).sendAndAwait().statusCode());
    assertEquals(List.of(NAME + ":" + server.actualPort() + " " + NAME), seen);
  }

  @Test
  void checksTheCertificateAgainstTheUrlsHostNotTheAddress() {
    Exception refused =
        assertThrows(
            Exception.class, () -> target("other.appmetrics.test").post(client).sendAndAwait());
    assertTrue(
        refused instanceof SSLHandshakeException
            || refused.getCause() instanceof SSLHandshakeException,
        refused.toString());
  }
}
