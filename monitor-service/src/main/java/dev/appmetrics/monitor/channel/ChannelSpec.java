package dev.appmetrics.monitor.channel;

import dev.appmetrics.common.error.ApiException;

/** What creates or replaces a channel. */
public record ChannelSpec(String name, ChannelType type, ChannelConfig config) {

  public ChannelSpec validated() {
    if (name == null || name.isBlank() || name.length() > 200) {
      throw ApiException.badRequest("name is required (at most 200 characters)");
    }
    if (type == null) {
      throw ApiException.badRequest("type must be slack, pagerduty, email or webhook");
    }
    if (config == null) {
      throw ApiException.badRequest("config is required");
    }
    return new ChannelSpec(name.strip(), type, config.validated(type));
  }

  /** This spec as an update of a channel with the given stored type and config (see {@link ChannelConfig}). */
  public ChannelSpec keepingSecretsOf(ChannelType storedType, ChannelConfig stored) {
    if (type == null || config == null) {
      return this;
    }
    return new ChannelSpec(name, type, config.keepingSecretsOf(type, storedType, stored));
  }
}
