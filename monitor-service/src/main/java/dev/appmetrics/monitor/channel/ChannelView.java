package dev.appmetrics.monitor.channel;

import java.time.Instant;

/** A channel as the API shows it, secrets masked. */
public record ChannelView(
    long id,
    String name,
    ChannelType type,
    ChannelConfig config,
    Instant createdAt,
    Instant updatedAt) {}
