package dev.appmetrics.dashboard.board;

import dev.appmetrics.dashboard.explorer.SpecDocument;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class DashboardRepository implements PanacheRepositoryBase<Dashboard, Long> {

  public Uni<List<Dashboard>> search(long organizationId, String search, int offset, int limit) {
    return find(SpecDocument.NAME_SEARCH, Sort.ascending("name").and("id"),
        organizationId, SpecDocument.namePattern(search))
        .range(offset, offset + limit - 1).list();
  }

  public Uni<Long> countMatching(long organizationId, String search) {
    return count(SpecDocument.NAME_SEARCH, organizationId, SpecDocument.namePattern(search));
  }
}
