package dev.appmetrics.dashboard.project;

import dev.appmetrics.common.auth.Grants.Grant;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.List;

/**
 * What must end with a project: its DSN keys. Declared here, where deletion is decided, and implemented by the key
 * package, so projects need not know how keys are stored.
 */
public interface ProjectDependents {

  /** Ends everything of {@code projectId} as of {@code at}, in the caller's transaction; the grants that say so. */
  Uni<List<Grant>> endWith(long projectId, Instant at);
}
