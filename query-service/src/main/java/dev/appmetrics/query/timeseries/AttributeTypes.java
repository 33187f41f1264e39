package dev.appmetrics.query.timeseries;

import com.fasterxml.jackson.databind.JsonNode;
import dev.appmetrics.query.sql.AttributeType;
import dev.appmetrics.query.sql.ClickHouseReader;
import dev.appmetrics.query.time.TimeRange;
import io.quarkus.cache.CacheResult;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The attribute types a group-by key has in the rows a query reads, so that the group-by reads one typed array
 * instead of four. Answers are cached briefly per (projects, metric, key, range) (quarkus.cache.caffeine
 * ."attribute-types" in application.properties): a key that gains a new type inside a range already asked about
 * shows values of that type only once the entry expires.
 */
@ApplicationScoped
public class AttributeTypes {

  /** What one lookup is about; the range is the one the statements read. */
  public record Lookup(List<Long> projects, String metric, String key, TimeRange range) {}

  private final ClickHouseReader reader;

  public AttributeTypes(ClickHouseReader reader) {
    this.reader = reader;
  }

  @CacheResult(cacheName = "attribute-types")
  public Uni<Set<AttributeType>> of(Lookup lookup) {
    return reader.rows(TimeseriesSql.attributeTypes(lookup.projects(), lookup.metric(), lookup.key(), lookup.range()),
        "query-timeseries-types").map(rows -> {
          Set<AttributeType> types = EnumSet.noneOf(AttributeType.class);
          JsonNode row = rows.get(0);
          for (AttributeType type : AttributeType.values()) {
            if (row.get(type.ordinal()).asInt() == 1) {
              types.add(type);
            }
          }
          return Collections.unmodifiableSet(types);
        });
  }
}
