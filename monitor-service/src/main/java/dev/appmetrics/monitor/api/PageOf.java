package dev.appmetrics.monitor.api;

import java.util.List;

/** One page of a list endpoint: the items, the page asked for (from 0), its size and the total count. */
public record PageOf<T>(List<T> items, int page, int size, long total) {}
