package dev.appmetrics.query.sampling;

import dev.appmetrics.common.retention.Retention;
import dev.appmetrics.query.sql.Statement;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether the exact table still holds every week of a range, from system.parts alone. Tables are partitioned by
 * (retention_days, week), partition ids reading {@code <days>-<yyyyMMdd of the Monday>}, and ingest-service drops a
 * class's weeks oldest first once they expire; the tiers' class is longer, so they keep weeks the exact table has
 * dropped. The exact table lacks part of a range when the range starts before the oldest week it holds for a
 * project's class while the 8 tier (the tiers are filled and dropped together) holds an older week of that project's
 * downsampled class. A week the exact table never had (an install younger than the range) is no reason to sample.
 */
final class StoredWeeks {

  private static final Pattern PARTITION_ID = Pattern.compile("(\\d+)-(\\d{8})");
  private static final String EXACT = Tier.EXACT.table();
  private static final String TIER = Tier.DOWNSAMPLE_8.table();

  private StoredWeeks() {}

  /** One partition of the exact table or the 8 tier. */
  record Part(String table, String partitionId) {}

  /** A project's retention classes: of its events, and of their downsampled tiers. */
  record Classes(int exact, int downsampled) {}

  static Statement<Part> parts() {
    return new Statement<>(
        "SELECT table, partition_id\n"
            + "FROM system.parts\n"
            + "WHERE database = currentDatabase() AND active AND table IN ('"
            + EXACT
            + "', '"
            + TIER
            + "')\n"
            + "GROUP BY table, partition_id\n"
            + "FORMAT JSONCompact",
        row -> new Part(row.text("table"), row.text("partition_id")));
  }

  /** Whether the exact table holds every week from {@code start} on for each project's classes. */
  static boolean exactCovers(List<Part> parts, List<Classes> projects, Instant start) {
    Map<Integer, LocalDate> exact = oldest(parts, EXACT);
    Map<Integer, LocalDate> tier = oldest(parts, TIER);
    LocalDate week =
        LocalDate.ofInstant(start, ZoneOffset.UTC)
            .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    for (Classes project : projects) {
      LocalDate exactFrom = exact.get(project.exact());
      LocalDate tierFrom = tier.get(project.downsampled());
      boolean tierHoldsOlder =
          tierFrom != null && (exactFrom == null || tierFrom.isBefore(exactFrom));
      if (tierHoldsOlder && (exactFrom == null || week.isBefore(exactFrom))) {
        return false;
      }
    }
    return true;
  }

  /** The oldest week a table holds per retention class. */
  private static Map<Integer, LocalDate> oldest(List<Part> parts, String table) {
    Map<Integer, LocalDate> oldest = new HashMap<>();
    for (Part part : parts) {
      Matcher id = PARTITION_ID.matcher(part.partitionId());
      if (part.table().equals(table) && id.matches()) {
        LocalDate week = LocalDate.parse(id.group(2), DateTimeFormatter.BASIC_ISO_DATE);
        // A row written before retention classes existed has class 0: the default one.
        int days =
            table.equals(EXACT)
                ? Retention.orDefault(Integer.parseInt(id.group(1)))
                : Retention.downsampledOrDefault(Integer.parseInt(id.group(1)));
        oldest.merge(days, week, (a, b) -> a.isBefore(b) ? a : b);
      }
    }
    return oldest;
  }
}
