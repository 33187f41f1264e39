package dev.appmetrics.dashboard.dashboard;

/** Body of create and update; an update needs the version it read. */
public record DashboardRequest(String name, DashboardSpec spec, Long version) {}
