package dev.appmetrics.query.warmup;

import dev.appmetrics.common.auth.Caller;
import dev.appmetrics.common.auth.CredentialStore;
import dev.appmetrics.common.auth.Grants.ProjectGrant;
import dev.appmetrics.common.auth.Scope;
import dev.appmetrics.query.sql.ClickHouseReader;
import dev.appmetrics.query.sql.Sql;
import dev.appmetrics.query.sql.Statement;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.regex.Pattern;

/**
 * Picks what the warm-up reads: the busiest distribution metric of the last hour in a project the credential store
 * knows, with its commonest string attribute, so that decoding rows, assembling series and writing non-empty answers
 * are compiled too; project 0 ({@link WarmUpTarget#EMPTY}) when no known project has events in that hour.
 */
@ApplicationScoped
class WarmUpTargets {

  static final int CANDIDATES = 20;
  private static final Caller SELF = new Caller(0, 0, "query-service warm-up", Set.of(Scope.READ));
  private static final String SENDER = "query-warm-up";
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_.]{1,100}");

  /** A metric of a project and its events in the last hour, as ClickHouse counts them. */
  record Candidate(long organization, long project, String metric, long events) {}

  /** A string attribute of the chosen metric and one of its values. */
  record Attribute(String key, String value) {}

  private final ClickHouseReader reader;
  private final CredentialStore credentials;

  WarmUpTargets(ClickHouseReader reader, CredentialStore credentials) {
    this.reader = reader;
    this.credentials = credentials;
  }

  /** Waits (bounded) for the credential store's first catch-up, then reads the candidates and picks. */
  WarmUpTarget pick() throws InterruptedException {
    credentials.awaitCaughtUp(WAIT);
    Optional<Candidate> busiest =
        choose(reader.run(SELF, busiest(), SENDER).await().atMost(WAIT), credentials::project);
    if (busiest.isEmpty()) {
      return WarmUpTarget.EMPTY;
    }
    Candidate c = busiest.get();
    Attribute attribute =
        reader.run(SELF, attribute(c), SENDER).await().atMost(WAIT).stream()
            .filter(a -> PLAIN.matcher(a.key()).matches())
            .findFirst()
            .orElse(
                new Attribute(
                    WarmUpTarget.EMPTY.attributeKey(), WarmUpTarget.EMPTY.attributeValue()));
    return new WarmUpTarget(
        c.organization(), c.project(), c.metric(), attribute.key(), attribute.value(), true);
  }

  /**
   * The first candidate (busiest first) whose project is known, active and of the candidate's organization: the
   * warm-up never adds a project to the store, so what real callers can see stays what dashboard-service published.
   * A metric name out of the ordinary is passed over, so that no request of the warm-up can be refused for it.
   */
  static Optional<Candidate> choose(
      List<Candidate> candidates, LongFunction<Optional<ProjectGrant>> projects) {
    return candidates.stream()
        .filter(
            c ->
                c.project() > 0
                    && PLAIN.matcher(c.metric()).matches()
                    && projects
                        .apply(c.project())
                        .filter(p -> p.active() && p.organizationId() == c.organization())
                        .isPresent())
        .findFirst();
  }

  static Statement<Candidate> busiest() {
    return new Statement<>(
        "SELECT organization_id, project_id, metric_name, count() AS events\n"
            + "FROM metric_events\n"
            + "WHERE timestamp >= now() - INTERVAL 1 HOUR AND metric_kind = 'distribution'\n"
            + "GROUP BY organization_id, project_id, metric_name\n"
            + "ORDER BY events DESC, project_id, metric_name\n"
            + "LIMIT "
            + CANDIDATES
            + "\n"
            + "FORMAT JSONCompact",
        row ->
            new Candidate(
                row.integer("organization_id"),
                row.integer("project_id"),
                row.text("metric_name"),
                row.integer("events")));
  }

  static Statement<Attribute> attribute(Candidate c) {
    return new Statement<>(
        "SELECT attribute_key, attribute_value, count() AS events\n"
            + "FROM metric_events\n"
            + "ARRAY JOIN attr_string_keys AS attribute_key, attr_string_values AS attribute_value\n"
            + "WHERE timestamp >= now() - INTERVAL 1 HOUR AND project_id = "
            + c.project()
            + " AND metric_name = "
            + Sql.string(c.metric())
            + "\n"
            + "GROUP BY attribute_key, attribute_value\n"
            + "ORDER BY events DESC, attribute_key, attribute_value\n"
            + "LIMIT 1\n"
            + "FORMAT JSONCompact",
        row -> new Attribute(row.text("attribute_key"), row.text("attribute_value")));
  }
}
