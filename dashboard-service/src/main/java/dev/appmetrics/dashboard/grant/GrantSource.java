package dev.appmetrics.dashboard.grant;

import dev.appmetrics.common.auth.Grants.Grant;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.List;

/**
 * Stored rows that are grants (projects, keys, tokens). Their repositories implement it, so the re-publisher reads
 * them all while {@code grant} depends on none of the packages that publish through it.
 */
public interface GrantSource {

  /** Every row, active and ended alike. */
  Uni<List<Grant>> allGrants();

  /** The rows ended (revoked, deleted) at or after {@code since}: the re-publisher repeats these after its snapshot. */
  Uni<List<Grant>> grantsEndedSince(Instant since);
}
