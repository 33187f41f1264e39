package dev.appmetrics.dashboard.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.net.URL;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An MCP session through the official MCP Java SDK's client over Streamable HTTP, as an assistant's host makes it,
 * with the platform's API token. Every tool call is written to a transcript (target/mcp-transcript.md).
 */
final class McpSession implements AutoCloseable {

  static final Path TRANSCRIPT = Path.of("target", "mcp-transcript.md");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final McpSyncClient client;

  McpSession(URL base, String token) {
    HttpClientStreamableHttpTransport transport =
        HttpClientStreamableHttpTransport.builder(base.toString().replaceAll("/+$", ""))
            .endpoint("/mcp")
            .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token))
            .build();
    client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(90)).build();
  }

  McpSchema.InitializeResult initialize() {
    return client.initialize();
  }

  McpSyncClient client() {
    return client;
  }

  /** Calls the tool; the answer's text, and whether it is an error. */
  Answer call(String tool, Map<String, Object> arguments) {
    McpSchema.CallToolResult result =
        client.callTool(new McpSchema.CallToolRequest(tool, arguments));
    String text =
        result.content().stream()
            .map(c -> ((McpSchema.TextContent) c).text())
            .collect(Collectors.joining("\n"));
    Answer answer = new Answer(text, Boolean.TRUE.equals(result.isError()));
    record(tool, arguments, answer);
    return answer;
  }

  record Answer(String text, boolean error) {}

  private static synchronized void record(
      String tool, Map<String, Object> arguments, Answer answer) {
    try {
      Files.createDirectories(TRANSCRIPT.getParent());
      Files.writeString(
          TRANSCRIPT,
          "\n→ tools/call "
              + tool
              + " "
              + JSON.writeValueAsString(arguments)
              + "\n← "
              + (answer.error() ? "isError: " : "")
              + answer.text().stripTrailing()
              + "\n",
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    client.closeGracefully();
  }
}
