package dev.appmetrics.dashboard.explorer;

/** An equation over the lettered queries, for example {@code (A + (B / 2)) / C}. */
public record Equation(String label, String expression) {}
