package dev.appmetrics.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a service reads that has no usable default inside Kubernetes, derived from its application.properties so
 * the check keeps up as the services grow: every property (outside a %profile) whose value points at the loopback
 * interface (a URL or host of the local stack), and every property whose name says it is a credential, also one
 * given only to a %profile (such as %dev and %test): production has no value for it then. A production value that is
 * just {@code ${NAME}} names the variable itself.
 */
final class ServiceProperties {

  static final Set<String> MODULES =
      Set.of("dashboard-service", "ingest-service", "query-service", "monitor-service");

  private static final Pattern LOOPBACK = Pattern.compile("127\\.0\\.0\\.1|localhost|\\[::1]");
  private static final Pattern PROFILE = Pattern.compile("^%[^.]+\\.");
  private static final Pattern CREDENTIAL =
      Pattern.compile("(?i)(password|token|secret|username)$");

  /** A production value that is only an environment variable, {@code ${NAME}}: the chart must set NAME. */
  private static final Pattern ENVIRONMENT_ONLY = Pattern.compile("^\\$\\{([A-Z0-9_]+)}$");

  private ServiceProperties() {}

  /** Environment variable names (MicroProfile Config's mapping) the chart must set for this module. */
  static Set<String> requiredEnvironment(Path repository, String module) {
    Properties properties = new Properties();
    try (Reader in =
        Files.newBufferedReader(
            repository.resolve(module).resolve("src/main/resources/application.properties"))) {
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Set<String> required = new TreeSet<>();
    for (String key : properties.stringPropertyNames()) {
      String property = PROFILE.matcher(key).replaceFirst("");
      boolean loopback =
          property.equals(key) && LOOPBACK.matcher(properties.getProperty(key)).find();
      if (loopback || CREDENTIAL.matcher(property).find()) {
        Matcher expression = ENVIRONMENT_ONLY.matcher(properties.getProperty(property, ""));
        required.add(expression.matches() ? expression.group(1) : environmentName(property));
      }
    }
    return required;
  }

  /** MicroProfile Config: every character that is not a letter or digit becomes '_', then upper case. */
  static String environmentName(String property) {
    return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
  }
}
