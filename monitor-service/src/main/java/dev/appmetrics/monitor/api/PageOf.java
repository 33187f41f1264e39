package dev.appmetrics.monitor.api;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.panache.common.Page;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.function.Function;

/** One page of a list endpoint: the items, the page asked for (from 0), its size and the total count. */
public record PageOf<T>(List<T> items, int page, int size, long total) {

  /** The page a query is positioned on, each entity shown as a view, with the query's total count. */
  public static <E, V> Uni<PageOf<V>> of(PanacheQuery<E> query, Function<E, V> view) {
    return ofViews(query, entities -> Uni.createFrom().item(entities.stream().map(view).toList()));
  }

  /** As {@link #of(PanacheQuery, Function)}, for views that need another read of the whole page first. */
  public static <E, V> Uni<PageOf<V>> ofViews(
      PanacheQuery<E> query, Function<List<E>, Uni<List<V>>> views) {
    Page page = query.page();
    return Uni.combine()
        .all()
        .unis(query.list(), query.count())
        .asTuple()
        .flatMap(
            t ->
                views
                    .apply(t.getItem1())
                    .map(items -> new PageOf<>(items, page.index, page.size, t.getItem2())));
  }
}
