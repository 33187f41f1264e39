package dev.appmetrics.ingest.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the Node scripts of src/test/node, which drive the official @sentry/node SDK from npm, unchanged. */
public final class NodeScripts {

  private static final Path NODE_PROJECT = Path.of("src/test/node");

  private NodeScripts() {}

  /** Runs {@code node <script> <arguments>} (installing the SDK at the versions package-lock.json pins) and returns its last output line. */
  public static String run(String script, String... arguments)
      throws IOException, InterruptedException {
    if (!Files.isDirectory(NODE_PROJECT.resolve("node_modules/@sentry/node"))) {
      execute(List.of("npm", "ci", "--no-audit", "--no-fund"), 300);
    }
    List<String> command = new java.util.ArrayList<>(List.of("node", script));
    command.addAll(List.of(arguments));
    return execute(command, 60).lines().reduce((first, last) -> last).orElse("");
  }

  private static String execute(List<String> command, int timeoutSeconds)
      throws IOException, InterruptedException {
    File log = File.createTempFile("sentry-node", ".log");
    Process process =
        new ProcessBuilder(command)
            .directory(NODE_PROJECT.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log)
            .start();
    boolean finished = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
    String output = Files.readString(log.toPath(), StandardCharsets.UTF_8);
    if (!finished) {
      process.destroyForcibly();
    }
    assertTrue(
        finished && process.exitValue() == 0, String.join(" ", command) + " failed:\n" + output);
    return output;
  }
}
