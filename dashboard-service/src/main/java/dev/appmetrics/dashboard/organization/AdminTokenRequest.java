package dev.appmetrics.dashboard.organization;

/** Optional name of an admin token minted by the platform admin. */
public record AdminTokenRequest(String name) {}
