package dev.appmetrics.dashboard.savedquery;

import dev.appmetrics.dashboard.explorer.SpecDocument;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class SavedQueryRepository implements PanacheRepositoryBase<SavedQuery, Long> {

  /** Newest first: the query someone just saved is the one people look for. */
  public Uni<List<SavedQuery>> search(long organizationId, String search, int offset, int limit) {
    return find(SpecDocument.NAME_SEARCH, Sort.descending("updatedAt").and("id", Sort.Direction.Descending),
        organizationId, SpecDocument.namePattern(search))
        .range(offset, offset + limit - 1).list();
  }

  public Uni<Long> countMatching(long organizationId, String search) {
    return count(SpecDocument.NAME_SEARCH, organizationId, SpecDocument.namePattern(search));
  }
}
