package dev.appmetrics.ingest.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every ingest endpoint refuses a missing or unknown credential before it reads the body: the answer comes while the
 * body is still arriving, so an unauthenticated request never costs more than its headers.
 */
@QuarkusTest
class IngestAuthFilterTest {

  @Test
  void answers401WhileTheBodyIsStillArrivingOnEveryIngestEndpoint() throws IOException {
    List<String> requests =
        List.of(
            "POST /api/v1/projects/42/metrics HTTP/1.1\r\nContent-Type: application/json\r\n",
            "POST /api/42/integration/otlp/v1/metrics HTTP/1.1\r\nContent-Type: application/x-protobuf\r\n",
            "POST /v1/traces HTTP/1.1\r\nAuthorization: Bearer unknown\r\nContent-Type: application/json\r\n",
            "POST /api/42/envelope/?sentry_key=unknown HTTP/1.1\r\n");
    for (String request : requests) {
      assertEquals("HTTP/1.1 401 Unauthorized", statusWithBodyUnfinished(request), request);
    }
  }

  /** Sends the headers and the first chunk of a chunked body that never ends, and reads the status line. */
  private static String statusWithBodyUnfinished(String requestLineAndHeaders) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          (requestLineAndHeaders
                  + "Host: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n{\"a\"\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
          .readLine();
    }
  }

  @Test
  void answersAProjectIdThatIsNoNumberWithAJson404() {
    given()
        .header("X-Sentry-Auth", "Sentry sentry_key=whatever")
        .contentType("application/json")
        .body("{}")
        .post("/api/v1/projects/abc/metrics")
        .then()
        .statusCode(404)
        .body("code", equalTo("not_found"));
  }
}
