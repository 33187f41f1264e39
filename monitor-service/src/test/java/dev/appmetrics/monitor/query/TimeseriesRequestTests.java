package dev.appmetrics.monitor.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What monitor-service sends query-service: every evaluation and validation reads the exact table. */
class TimeseriesRequestTests {

  @Test
  void monitorsAskForTheExactTable() throws Exception {
    TimeseriesRequest request =
        new TimeseriesRequest(
            List.of(1L),
            "2026-12-01T11:50:00Z",
            "2026-12-01T12:00:00Z",
            "1m",
            List.of(new TimeseriesRequest.Query("A", "checkout.latency", "p95", null, null)),
            null);
    JsonNode body = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(request));
    assertEquals("exact", body.get("sampling").asText());
    assertEquals(
        "2026-12-01T11:50:00Z", body.get("start").asText(), "beside the request's own fields");
  }
}
