package dev.appmetrics.dashboard.naming;

import dev.appmetrics.common.error.ApiException;
import java.util.regex.Pattern;

/**
 * Slugs name organizations and projects in URLs and SDK settings: lower-case letters, digits and dashes. Display
 * names of organizations, projects, keys and tokens are checked here too, so every control-plane feature names alike.
 */
public final class Slugs {

  private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
  private static final int MAX_NAME = 200;

  private Slugs() {}

  public static String require(String slug) {
    if (slug == null || !SLUG.matcher(slug).matches()) {
      throw ApiException.badRequest(
          "slug must be 1 to 64 lower-case letters, digits or dashes, not starting with a dash");
    }
    return slug;
  }

  /** A display name: required, trimmed, at most 200 characters. */
  public static String requireName(String name) {
    if (name == null || name.isBlank() || name.strip().length() > MAX_NAME) {
      throw ApiException.badRequest("name must be 1 to " + MAX_NAME + " characters");
    }
    return name.strip();
  }
}
