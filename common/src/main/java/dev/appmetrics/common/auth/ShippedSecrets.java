package dev.appmetrics.common.auth;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Locale;
import java.util.stream.StreamSupport;
import org.eclipse.microprofile.config.Config;

/**
 * A packaged service refuses to start with a secret the project ships: the values in the dev and test profiles and
 * in earlier READMEs are public, so a deployment that copied one would let anybody in. Unset secrets need no check
 * here: production has no default for them, so the configuration itself fails naming the setting.
 */
@ApplicationScoped
public class ShippedSecrets {

  /** Every secret the project ships carries one of these; no generated secret does. */
  static final List<String> MARKERS = List.of("change-me", "dev-and-test-only");

  /** Before the other start-up work (migrations, consumers), so a refused service has touched nothing. */
  void check(@Observes @Priority(1) StartupEvent event, Config config) {
    if (LaunchMode.current() == LaunchMode.NORMAL) {
      refuseShipped(config);
    }
  }

  /** Names every offending setting (an environment variable also shows under its dotted form). */
  static void refuseShipped(Config config) {
    List<String> shipped =
        StreamSupport.stream(config.getPropertyNames().spliterator(), false)
            .filter(ShippedSecrets::isSecret)
            .filter(
                name ->
                    config
                        .getOptionalValue(name, String.class)
                        .filter(ShippedSecrets::isShipped)
                        .isPresent())
            .sorted()
            .toList();
    if (!shipped.isEmpty()) {
      throw new IllegalStateException(
          "Refusing to start: "
              + String.join(", ", shipped)
              + " has a value shipped with "
              + "appmetrics for local use only; give it a secret of your own (./platform up generates them into "
              + ".stack/secrets.env)");
    }
  }

  private static boolean isShipped(String value) {
    String lower = value.toLowerCase(Locale.ROOT);
    return MARKERS.stream().anyMatch(lower::contains);
  }

  private static boolean isSecret(String name) {
    return name.startsWith("appmetrics.")
        && (name.endsWith("token") || name.endsWith("secret") || name.endsWith("password"));
  }
}
