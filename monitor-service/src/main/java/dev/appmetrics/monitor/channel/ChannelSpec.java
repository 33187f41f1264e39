package dev.appmetrics.monitor.channel;

import dev.appmetrics.monitor.api.Problems;

/** What creates or replaces a channel. */
public record ChannelSpec(String name, ChannelType type, ChannelConfig config) {

  /** The spec with its config checked for its type; a 400 naming every bad field. */
  public ChannelSpec validated() {
    return Problems.require(
        problems -> {
          if (name == null || name.isBlank() || name.length() > 200) {
            problems.add("name", "name is required (at most 200 characters)");
          }
          if (type == null) {
            problems.add("type", "type must be slack, pagerduty, email or webhook");
          }
          if (config == null) {
            problems.add("config", "config is required");
          }
          ChannelConfig checked =
              type == null || config == null
                  ? null
                  : problems.check("config", () -> config.validated(type));
          return problems.isEmpty() ? new ChannelSpec(name.strip(), type, checked) : this;
        });
  }

  /** This spec as an update of a channel with the given stored type and config (see {@link ChannelConfig}). */
  public ChannelSpec keepingSecretsOf(ChannelType storedType, ChannelConfig stored) {
    if (type == null || config == null) {
      return this;
    }
    return new ChannelSpec(name, type, config.keepingSecretsOf(type, storedType, stored));
  }
}
