package dev.appmetrics.dashboard.explorer;

import java.util.List;

/** One page of a list, with the total that matched so a client can page through it. */
public record Page<T>(List<T> items, long total, int offset, int limit) {}
