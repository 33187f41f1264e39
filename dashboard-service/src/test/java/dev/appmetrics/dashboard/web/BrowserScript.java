package dev.appmetrics.dashboard.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Node script of src/main/webui/e2e (playwright-core driving headless Chromium, see browser.mjs) against this
 * dashboard-service, signed in as an organization. The script prints each check it passed and ends with "E2E OK";
 * a failing run fails the test with the script's whole output. Screenshots land in target/e2e-screenshots/.
 */
final class BrowserScript {

  static final Path SCREENSHOTS = Path.of("target", "e2e-screenshots").toAbsolutePath();

  private BrowserScript() {}

  /**
   * Runs e2e/{name}.e2e.mjs with BASE_URL, TOKEN and OUT set besides the given variables and checks it took the
   * given screenshots (earlier runs' files are removed first, so none is taken for this run's); returns its output.
   */
  static String run(
      String name, URL base, String token, Map<String, String> variables, String... screenshots)
      throws IOException, InterruptedException {
    for (String screenshot : screenshots) {
      Files.deleteIfExists(SCREENSHOTS.resolve(screenshot));
    }
    Path log = Path.of("target", name + "-e2e.log");
    ProcessBuilder node =
        new ProcessBuilder("node", "e2e/" + name + ".e2e.mjs")
            .directory(Path.of("src", "main", "webui").toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Map<String, String> env = node.environment();
    env.putAll(variables);
    env.put("BASE_URL", base.toString().replaceAll("/$", ""));
    env.put("TOKEN", token);
    env.put("OUT", SCREENSHOTS.toString());
    Process process = node.start();
    boolean finished = process.waitFor(5, TimeUnit.MINUTES);
    if (!finished) {
      process.destroyForcibly();
    }
    String output = Files.readString(log);
    assertTrue(
        finished, "The browser test " + name + " did not finish within 5 minutes:\n" + output);
    assertEquals(0, process.exitValue(), "The browser test " + name + " failed:\n" + output);
    assertTrue(output.contains("E2E OK"), output);
    for (String screenshot : screenshots) {
      Path path = SCREENSHOTS.resolve(screenshot);
      assertTrue(
          Files.isRegularFile(path) && Files.size(path) > 0,
          "no screenshot " + path + ":\n" + output);
    }
    return output;
  }
}
