package dev.appmetrics.common.auth;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What an API token may do. ADMIN implies every other scope of its organization. */
public enum Scope {
  INGEST,
  READ,
  WRITE,
  ADMIN;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static Scope fromWireName(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
