package dev.appmetrics.monitor.definition;

import io.smallrye.mutiny.Uni;

/**
 * A monitor's open issues, which must be resolved when it is disabled or deleted: nothing would evaluate them any
 * more. Declared here, where monitors are disabled and deleted; the issue package, which owns issues, implements it.
 */
public interface OpenIssues {

  /** Resolves them in the caller's transaction, saying {@code message} and who did it ({@code actor}). */
  Uni<Void> closeOpen(Monitor monitor, MonitorSpec spec, String message, String actor);
}
