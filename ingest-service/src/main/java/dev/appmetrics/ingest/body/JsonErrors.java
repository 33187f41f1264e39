package dev.appmetrics.ingest.body;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Jackson's reason for a body it could not read, told to the client without Jackson's internals: its messages name
 * its own classes and settings ({@code StreamReadConstraints.getMaxNestingDepth()},
 * {@code StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION}), which say nothing to a sender and something to an attacker.
 */
public final class JsonErrors {

  /** "(start marker at [Source: …])", "at [Source: …]" and ", from `Class.method()`". */
  private static final Pattern INTERNALS =
      Pattern.compile(
          "\\s*\\(start marker at \\[Source:[^\\]]*\\]\\)|\\s*at \\[Source:[^\\]]*\\]|, from `[^`]*`");

  private JsonErrors() {}

  /** One line: what went wrong and where. */
  public static String describe(IOException e) {
    if (!(e instanceof JsonProcessingException json)) {
      return "the body could not be read";
    }
    String reason =
        INTERNALS
            .matcher(String.valueOf(json.getOriginalMessage()))
            .replaceAll("")
            .lines()
            .findFirst()
            .orElse("")
            .strip();
    JsonLocation location = json.getLocation();
    return location == null || location.getLineNr() < 0
        ? reason
        : reason + " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }
}
