package dev.appmetrics.ingest.body;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appmetrics.ingest.support.HeapWatch;
import dev.appmetrics.ingest.support.TestProjects;
import dev.appmetrics.ingest.support.TestProjects.TestProject;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, finding 1: about 10 KB of gzip inflate to 10 MiB of tiny items. Whether or not the sender is
 * authenticated, no such request may make the service hold more than a small, fixed amount of memory.
 */
@QuarkusTest
class HostileBodiesTest {

  /** The default max-body-bytes: the bombs stay just under it, so the body limit alone does not stop them. */
  private static final int LIMIT = 10 * 1024 * 1024;

  private static final long MAX_GROWTH = 50L * 1024 * 1024;

  @Inject TestProjects projects;

  @Inject ObjectMapper json;

  /** One hostile request ({@code auth} is its X-Sentry-Auth header, empty for none) and the answer it must get. */
  private record Hostile(
      String what,
      String path,
      String auth,
      String contentType,
      byte[] gzip,
      int status,
      String code) {}

  @Test
  void twentyGzipBombsOfTinyItemsHoldUnder50MegabytesAndEachGetsItsPreciseError() throws Exception {
    TestProject project = projects.create();
    String key = "Sentry sentry_key=" + project.publicKey();
    byte[] envelope = gzipRepeated("{}\n", "{}\n\n", "");
    List<Hostile> kinds =
        List.of(
            new Hostile(
                "envelope without a key",
                "/api/" + project.projectId() + "/envelope/",
                "",
                "text/plain",
                envelope,
                401,
                "unauthorized"),
            new Hostile(
                "envelope with a key",
                "/api/" + project.projectId() + "/envelope/",
                key,
                "text/plain",
                envelope,
                413,
                "too_many_items"),
            new Hostile(
                "native batch",
                "/api/v1/projects/" + project.projectId() + "/metrics",
                key,
                "application/json",
                gzipRepeated("{\"metrics\":[", "{},", "{}]}"),
                413,
                "too_many_items"),
            new Hostile(
                "OTLP/JSON",
                "/api/" + project.projectId() + "/integration/otlp/v1/metrics",
                key,
                "application/json",
                gzipRepeated(
                    "{\"resourceMetrics\":[{\"scopeMetrics\":[{\"metrics\":[{\"name\":\"m\",\"gauge\":{\"dataPoints\":[",
                    "{},",
                    "{}]}}]}]}]}"),
                413,
                "too_many_items"),
            new Hostile(
                "OTLP protobuf",
                "/api/" + project.projectId() + "/integration/otlp/v1/metrics",
                key,
                "application/x-protobuf",
                gzip(otlpGaugeOfEmptyPoints()),
                413,
                "too_many_items"));
    List<Hostile> requests = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      requests.add(kinds.get(i % kinds.size()));
    }
    HttpClient http = HttpClient.newHttpClient();
    ExecutorService senders = Executors.newFixedThreadPool(4);
    List<String> wrongAnswers = new ArrayList<>();
    long growth;
    try (HeapWatch heap = HeapWatch.start()) {
      List<Future<String>> answers = new ArrayList<>();
      for (Hostile hostile : requests) {
        answers.add(senders.submit(() -> send(http, hostile)));
      }
      for (Future<String> answer : answers) {
        wrongAnswers.add(answer.get());
      }
      growth = heap.peakGrowthBytes();
      System.out.printf(
          "Hostile bodies: 20 requests, live heap %d MB before, at most %d MB more while they ran%n",
          heap.baselineBytes() >> 20, growth >> 20);
    } finally {
      senders.shutdownNow();
    }
    wrongAnswers.removeIf(String::isEmpty);
    assertEquals(List.of(), wrongAnswers);
    assertTrue(
        growth < MAX_GROWTH,
        "the live heap grew by " + (growth >> 20) + " MB, at most 50 MB are allowed");
  }

  /** Empty when the answer is the expected status with the expected error code, else what was answered instead. */
  private String send(HttpClient http, Hostile hostile) throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port + hostile.path()))
            .header("Content-Type", hostile.contentType())
            .header("Content-Encoding", "gzip")
            .POST(HttpRequest.BodyPublishers.ofByteArray(hostile.gzip()));
    if (!hostile.auth().isEmpty()) {
      request.header("X-Sentry-Auth", hostile.auth());
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode body = response.body().isEmpty() ? json.nullNode() : json.readTree(response.body());
    return response.statusCode() == hostile.status()
            && hostile.code().equals(body.path("code").asText())
        ? ""
        : hostile.what()
            + ": expected "
            + hostile.status()
            + " "
            + hostile.code()
            + ", got "
            + response.statusCode()
            + " "
            + response.body();
  }

  /** {@code prefix}, then {@code unit} as often as fits under the limit, then {@code suffix}, gzipped. */
  private static byte[] gzipRepeated(String prefix, String unit, String suffix) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(prefix.getBytes(StandardCharsets.UTF_8));
      byte[] repeated = unit.getBytes(StandardCharsets.UTF_8);
      for (long size = prefix.length() + suffix.length();
          size + repeated.length <= LIMIT;
          size += repeated.length) {
        gzip.write(repeated);
      }
      gzip.write(suffix.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  private static byte[] gzip(byte[] body) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(body);
    }
    return out.toByteArray();
  }

  /**
   * An ExportMetricsServiceRequest in protobuf wire format, written by hand so the test never builds millions of
   * messages itself: one resource, one scope, one gauge "m" whose data points are all empty (two bytes each).
   */
  private static byte[] otlpGaugeOfEmptyPoints() {
    byte[] points = new byte[(LIMIT - 64) / 2 * 2];
    for (int i = 0; i < points.length; i += 2) {
      points[i] = 0x0a; // field 1 (data_points), length-delimited; the next byte is its length, 0
    }
    byte[] metric = concat(field(1, "m".getBytes(StandardCharsets.UTF_8)), field(5, points));
    return field(1, field(2, field(2, metric)));
  }

  /** A length-delimited protobuf field. */
  private static byte[] field(int number, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 8);
    out.write(number << 3 | 2);
    for (long length = content.length; ; length >>>= 7) {
      if (length < 0x80) {
        out.write((int) length);
        break;
      }
      out.write((int) (length & 0x7f) | 0x80);
    }
    out.writeBytes(content);
    return out.toByteArray();
  }

  private static byte[] concat(byte[] first, byte[] second) {
    byte[] both = java.util.Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    return both;
  }
}
