package dev.appmetrics.query.sampling;

import dev.appmetrics.query.config.QueryConfig;
import dev.appmetrics.query.sql.Sql;
import dev.appmetrics.query.sql.Statement;
import dev.appmetrics.query.sql.Statements;
import dev.appmetrics.query.time.TimeRange;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;

/**
 * Which tier a request reads: the one it forces, or the finest whose read stays within the row budget
 * ({@code appmetrics.query.tier-row-budget}). The rows a request reads are those of its metrics in its projects and
 * range (its filters do not narrow the primary-key range it scans), estimated as 512 × the rows of the 512 tier
 * there: a count over the primary-key range of a table 512 times smaller than the exact one, a few milliseconds even
 * for a month of 100 million events. One tier serves every query of a request, so equations combine like with like.
 */
@ApplicationScoped
public class TierChoice {

  private static final String SENDER = "query-tier-estimate";

  private final long rowBudget;

  public TierChoice(QueryConfig config) {
    this.rowBudget = config.tierRowBudget();
  }

  /** The tier chosen and why: forced, or the estimate it was chosen from. */
  public record Choice(Tier tier, boolean auto, Long estimatedRows, Long rowBudget) {

    public static Choice forced(Tier tier) {
      return new Choice(tier, false, null, null);
    }

    /** What the answer says of it, with the stored events behind the answer. */
    public Sampling describe(long storedEvents) {
      return new Sampling(tier.wireName(), tier.weight(), auto ? Tier.AUTO : tier.wireName(), estimatedRows,
          rowBudget, storedEvents);
    }
  }

  /** The tier of a request's {@code sampling} field over the metrics and range it reads. */
  public Uni<Choice> choose(String sampling, List<Long> projects, Collection<String> metrics, TimeRange read,
      Statements statements) {
    return Tier.forced(sampling).map(tier -> Uni.createFrom().item(Choice.forced(tier)))
        .orElseGet(() -> statements.run(estimate(projects, metrics, read), SENDER).map(rows -> {
          long estimated = rows.get(0) * Tier.DOWNSAMPLE_512.weight();
          return new Choice(finest(estimated, rowBudget), true, estimated, rowBudget);
        }));
  }

  /** The finest tier reading at most the budget's rows out of an estimated number in the exact table. */
  static Tier finest(long estimatedRows, long rowBudget) {
    for (Tier tier : Tier.values()) {
      if (estimatedRows / tier.weight() <= rowBudget) {
        return tier;
      }
    }
    return Tier.DOWNSAMPLE_512;
  }

  static Statement<Long> estimate(List<Long> projects, Collection<String> metrics, TimeRange read) {
    return new Statement<>("SELECT count() AS stored\n"
        + "FROM " + Tier.DOWNSAMPLE_512.table() + "\n"
        + "WHERE project_id IN " + Sql.integers(projects) + " AND metric_name IN " + Sql.strings(metrics)
        + " AND timestamp >= " + Sql.dateTime(read.start()) + " AND timestamp < " + Sql.dateTime(read.end()) + "\n"
        + "FORMAT JSONCompact", row -> row.integer("stored"));
  }
}
