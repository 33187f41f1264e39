package dev.appmetrics.query.sampling;

import dev.appmetrics.common.auth.CredentialStore;
import dev.appmetrics.common.retention.Retention;
import dev.appmetrics.query.config.QueryConfig;
import dev.appmetrics.query.sampling.StoredWeeks.Classes;
import dev.appmetrics.query.sql.Sql;
import dev.appmetrics.query.sql.Statement;
import dev.appmetrics.query.sql.Statements;
import dev.appmetrics.query.time.TimeRange;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Which tier a request reads: the one it forces, or the finest whose read stays within the row budget
 * ({@code appmetrics.query.tier-row-budget}). The rows a request reads are those of its metrics in its projects and
 * range (its filters do not narrow the primary-key range it scans), estimated as 512 × the rows of the 512 tier
 * there: a count over the primary-key range of a table 512 times smaller than the exact one, a few milliseconds even
 * for a month of 100 million events. One tier serves every query of a request, so equations combine like with like.
 * When the range starts before the shortest retention class of its projects, the exact table may have dropped its
 * first weeks: then, if system.parts says it has ({@link StoredWeeks}), auto reads a tier whatever the estimate.
 */
@ApplicationScoped
public class TierChoice {

  private static final String SENDER = "query-tier-estimate";

  private final long rowBudget;
  private final CredentialStore credentials;

  public TierChoice(QueryConfig config, CredentialStore credentials) {
    this.rowBudget = config.tierRowBudget();
    this.credentials = credentials;
  }

  /**
   * The tier chosen and why: forced, or the estimate it was chosen from and whether the exact table had dropped
   * weeks of the range.
   */
  public record Choice(
      Tier tier, boolean auto, Long estimatedRows, Long rowBudget, boolean exactExpired) {

    public static Choice forced(Tier tier) {
      return new Choice(tier, false, null, null, false);
    }

    /** What the answer says of it, with the stored events behind the answer. */
    public Sampling describe(long storedEvents) {
      return new Sampling(
          tier.wireName(),
          tier.weight(),
          auto ? Tier.AUTO : tier.wireName(),
          estimatedRows,
          rowBudget,
          exactExpired ? Boolean.TRUE : null,
          storedEvents);
    }
  }

  /** The tier of a request's {@code sampling} field over the metrics and range it reads. */
  public Uni<Choice> choose(
      String sampling,
      List<Long> projects,
      Collection<String> metrics,
      TimeRange read,
      Statements statements) {
    return Tier.forced(sampling)
        .map(tier -> Uni.createFrom().item(Choice.forced(tier)))
        .orElseGet(
            () ->
                statements
                    .run(estimate(projects, metrics, read), SENDER)
                    .flatMap(
                        rows ->
                            exactCovers(projects, read, statements)
                                .map(
                                    covers -> {
                                      long estimated = rows.get(0) * Tier.DOWNSAMPLE_512.weight();
                                      Tier finest =
                                          finest(
                                              estimated,
                                              rowBudget,
                                              covers ? Tier.EXACT : Tier.DOWNSAMPLE_8);
                                      return new Choice(
                                          finest, true, estimated, rowBudget, !covers);
                                    })));
  }

  /**
   * Whether the exact table holds the whole range: surely when the range starts within the shortest retention class
   * of the projects (nothing there has expired yet), otherwise as system.parts tells.
   */
  private Uni<Boolean> exactCovers(List<Long> projects, TimeRange read, Statements statements) {
    List<Classes> classes =
        projects.stream()
            .map(
                p ->
                    new Classes(
                        credentials.retentionDays(p), credentials.downsampledRetentionDays(p)))
            .toList();
    int shortest = classes.stream().mapToInt(Classes::exact).min().orElse(Retention.DEFAULT_DAYS);
    Instant start = Instant.ofEpochSecond(read.start());
    if (!start.isBefore(Instant.now().minus(Duration.ofDays(shortest)))) {
      return Uni.createFrom().item(true);
    }
    return statements
        .run(StoredWeeks.parts(), "query-tier-weeks")
        .map(parts -> StoredWeeks.exactCovers(parts, classes, start));
  }

  /**
   * The finest tier, no finer than {@code finestAllowed}, reading at most the budget's rows out of an estimated
   * number in the exact table.
   */
  static Tier finest(long estimatedRows, long rowBudget, Tier finestAllowed) {
    for (Tier tier : Tier.values()) {
      if (tier.weight() >= finestAllowed.weight() && estimatedRows / tier.weight() <= rowBudget) {
        return tier;
      }
    }
    return Tier.DOWNSAMPLE_512;
  }

  static Statement<Long> estimate(List<Long> projects, Collection<String> metrics, TimeRange read) {
    return new Statement<>(
        "SELECT count() AS stored\n"
            + "FROM "
            + Tier.DOWNSAMPLE_512.table()
            + "\n"
            + "WHERE project_id IN "
            + Sql.integers(projects)
            + " AND metric_name IN "
            + Sql.strings(metrics)
            + " AND timestamp >= "
            + Sql.dateTime(read.start())
            + " AND timestamp < "
            + Sql.dateTime(read.end())
            + "\n"
            + "FORMAT JSONCompact",
        row -> row.integer("stored"));
  }
}
