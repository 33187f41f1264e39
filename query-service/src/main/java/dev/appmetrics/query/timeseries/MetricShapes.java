package dev.appmetrics.query.timeseries;

import dev.appmetrics.query.sampling.Tier;
import dev.appmetrics.query.sql.AttributeType;
import dev.appmetrics.query.sql.Statements;
import dev.appmetrics.query.time.TimeRange;
import dev.appmetrics.query.timeseries.MetricShapeSql.ShapeRow;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CaffeineCache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * What the hot statements need to know about a metric but should not read row by row: its kinds (to reject an
 * aggregate that does not apply), its unit, and the attribute types of the group-by keys (so a group-by reads one
 * typed array instead of four), as the rows a request reads have them: those of the tier it reads, so a long range on
 * a tier does not scan the exact table to learn them. One statement per metric finds them; the answer is cached
 * briefly per (tier, projects, metric, keys, range) (quarkus.cache.caffeine."metric-shapes" in
 * application.properties), but only once the metric has events there, so a metric's first events are never hidden. A
 * key that gains a new type inside a range already asked about shows values of that type once the entry expires.
 */
@ApplicationScoped
public class MetricShapes {

  /** What one lookup is about: the tier the request reads, and a range covering every statement of the request. */
  public record Lookup(
      Tier tier, List<Long> projects, String metric, List<String> keys, TimeRange range) {}

  /** Kinds by wire name ("counter", …), the unit (null if none), and the types each key has. */
  public record Shape(Set<String> kinds, String unit, Map<String, Set<AttributeType>> types) {}

  private final CaffeineCache cache;

  public MetricShapes(@CacheName("metric-shapes") Cache cache) {
    this.cache = cache.as(CaffeineCache.class);
  }

  /** The shape, from the cache or read through the request's statements. */
  public Uni<Shape> of(Lookup lookup, Statements statements) {
    CompletableFuture<Shape> cached = cache.getIfPresent(lookup);
    if (cached != null) {
      return Uni.createFrom().completionStage(cached);
    }
    return statements
        .run(
            MetricShapeSql.shape(
                lookup.tier(), lookup.projects(), lookup.metric(), lookup.keys(), lookup.range()),
            "query-timeseries-shape")
        .map(
            rows -> {
              ShapeRow found = rows.get(0);
              if (found.events() > 0) {
                cache.put(lookup, CompletableFuture.completedFuture(found.shape()));
              }
              return found.shape();
            });
  }
}
