package dev.appmetrics.query.timeseries;

import com.fasterxml.jackson.databind.JsonNode;
import dev.appmetrics.query.sql.AttributeType;
import dev.appmetrics.query.sql.Statements;
import dev.appmetrics.query.time.TimeRange;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CaffeineCache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * What the hot statements need to know about a metric but should not read row by row: its kinds (to reject an
 * aggregate that does not apply), its unit, and the attribute types of the group-by keys (so a group-by reads one
 * typed array instead of four). One statement per metric finds them; the answer is cached briefly per
 * (projects, metric, keys, range) (quarkus.cache.caffeine."metric-shapes" in application.properties), but only
 * once the metric has events there, so a metric's first events are never hidden. A key that gains a new type inside
 * a range already asked about shows values of that type once the entry expires.
 */
@ApplicationScoped
public class MetricShapes {

  /** What one lookup is about; the range covers every statement of the request. */
  public record Lookup(List<Long> projects, String metric, List<String> keys, TimeRange range) {}

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
    String sql = TimeseriesSql.shape(lookup.projects(), lookup.metric(), lookup.keys(), lookup.range());
    return statements.rows(sql, "query-timeseries-shape").map(rows -> {
      JsonNode row = rows.get(0);
      Set<String> kinds = new TreeSet<>();
      row.get(1).forEach(kind -> kinds.add(kind.asText()));
      Map<String, Set<AttributeType>> types = new HashMap<>();
      for (int k = 0; k < lookup.keys().size(); k++) {
        Set<AttributeType> found = EnumSet.noneOf(AttributeType.class);
        for (AttributeType type : AttributeType.values()) {
          if (row.get(3 + k * AttributeType.values().length + type.ordinal()).asInt() == 1) {
            found.add(type);
          }
        }
        types.put(lookup.keys().get(k), Collections.unmodifiableSet(found));
      }
      String unit = row.get(2).asText();
      Shape shape = new Shape(Collections.unmodifiableSet(kinds), unit.isEmpty() ? null : unit, Map.copyOf(types));
      if (row.get(0).asLong() > 0) {
        cache.put(lookup, CompletableFuture.completedFuture(shape));
      }
      return shape;
    });
  }
}
