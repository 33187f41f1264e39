package dev.appmetrics.dashboard.mcp.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appmetrics.common.error.ApiException;
import dev.appmetrics.common.error.ErrorResponse;
import dev.appmetrics.dashboard.mcp.tool.ToolCall;
import dev.appmetrics.dashboard.upstream.Upstream;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.mutiny.core.buffer.Buffer;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A service's REST API called for a tool, through the same client the UI's proxy uses and with the caller's own
 * Authorization: the service applies its rules (scopes, the organization's projects) exactly as for the UI.
 */
public final class ServiceApi {

  private final Upstream upstream;
  private final ObjectMapper json;

  ServiceApi(Upstream upstream, ObjectMapper json) {
    this.upstream = upstream;
    this.json = json;
  }

  public Uni<JsonNode> get(ToolCall call, String pathAndQuery) {
    return send(call, HttpMethod.GET, pathAndQuery, null);
  }

  public Uni<JsonNode> post(ToolCall call, String path, Object body) {
    try {
      return send(call, HttpMethod.POST, path, Buffer.buffer(json.writeValueAsBytes(body)));
    } catch (IOException e) {
      return Uni.createFrom().failure(e);
    }
  }

  private Uni<JsonNode> send(ToolCall call, HttpMethod method, String path, Buffer body) {
    return upstream
        .forward(method, path, call.authorization(), body)
        .map(
            answer -> {
              JsonNode parsed = parse(answer.body());
              if (answer.status() / 100 != 2) {
                throw error(answer.status(), parsed);
              }
              return parsed;
            });
  }

  private JsonNode parse(Buffer body) {
    try {
      return body.length() == 0 ? json.nullNode() : json.readTree(body.getBytes());
    } catch (IOException e) {
      return json.getNodeFactory().textNode(body.toString());
    }
  }

  /** The service's own error, as if this service had answered it. */
  private ApiException error(int status, JsonNode body) {
    try {
      ErrorResponse error = json.treeToValue(body, ErrorResponse.class);
      if (error != null && error.message() != null) {
        return new ApiException(
            status,
            error.code(),
            error.message(),
            error.details() == null ? List.of() : error.details());
      }
    } catch (IOException | IllegalArgumentException e) {
      // Not the common error shape: fall through to the raw body.
    }
    return new ApiException(
        status, "upstream_error", body.isTextual() ? body.asText() : body.toString());
  }

  /** A query string value, encoded. */
  public static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
