package dev.appmetrics.monitor.evaluation;

import dev.appmetrics.monitor.definition.MonitorState;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which replica evaluates which monitor, decided in PostgreSQL. A claim takes due monitors nobody holds with
 * {@code FOR UPDATE SKIP LOCKED} (replicas never wait for each other and never take the same row) and, in the same
 * statement, moves each one's next evaluation to the next interval boundary, so an interval's slot is handed out once.
 * The lease keeps the next slot from starting while an evaluation still runs and frees the monitor if its replica dies.
 */
@ApplicationScoped
public class Leases {

  /** A claimed monitor and the interval boundary its evaluation stands for. */
  public record Claim(long monitorId, Instant slot) {}

  private static final String CLAIM =
      """
      WITH due AS (
        SELECT id FROM monitors
        WHERE enabled AND next_evaluation_at <= now() AND (lease_until IS NULL OR lease_until < now())
        ORDER BY next_evaluation_at
        LIMIT $2
        FOR UPDATE SKIP LOCKED)
      UPDATE monitors m
      SET lease_owner = $1,
          lease_until = now() + make_interval(secs => $3),
          next_evaluation_at = to_timestamp((floor(extract(epoch FROM now()) / m.interval_seconds) + 1) * m.interval_seconds)
      FROM due
      WHERE m.id = due.id
      RETURNING m.id, to_timestamp(floor(extract(epoch FROM now()) / m.interval_seconds) * m.interval_seconds) AS slot
      """;

  /**
   * Ends an evaluation in one statement: frees the monitor and records its health. A success ($3 null) clears the
   * failures and keeps the state it found ($5, unchanged when null); a failure counts one more, and the state turns
   * to error once $6 failed in a row. SET reads the row as it was, so {@code consecutive_failures + 1} is the new count.
   */
  private static final String RELEASE =
      """
      UPDATE monitors
      SET lease_owner = NULL, lease_until = NULL, last_evaluated_at = now(), last_error = $3::text,
          consecutive_failures = CASE WHEN $3::text IS NULL THEN 0 ELSE consecutive_failures + 1 END,
          last_value = CASE WHEN $3::text IS NULL THEN $4::float8 ELSE last_value END,
          state = CASE WHEN $3::text IS NULL THEN COALESCE($5::text, state)
                       WHEN consecutive_failures + 1 >= $6::int THEN 'error' ELSE state END
      WHERE id = $1 AND lease_owner = $2
      """;

  /** How an evaluation ended: the state and value it found, or why it failed ({@code error} not null). */
  public record Outcome(MonitorState state, Double value, String error) {

    /** Long errors (a query-service answer quoted whole) are cut to what the API shows. */
    private static final int MAX_ERROR_LENGTH = 1000;

    public static Outcome failed(String error) {
      String reason = error == null ? "unknown failure" : error;
      return new Outcome(
          null,
          null,
          reason.length() > MAX_ERROR_LENGTH ? reason.substring(0, MAX_ERROR_LENGTH) : reason);
    }
  }

  private final Pool pool;

  public Leases(Pool pool) {
    this.pool = pool;
  }

  public Uni<List<Claim>> claim(String owner, int limit, Duration lease) {
    return pool.preparedQuery(CLAIM)
        .execute(Tuple.of(owner, limit, (double) lease.toSeconds()))
        .map(
            rows -> {
              List<Claim> claims = new ArrayList<>();
              for (Row row : rows) {
                OffsetDateTime slot = row.getOffsetDateTime("slot");
                claims.add(new Claim(row.getLong("id"), slot.toInstant()));
              }
              return claims;
            });
  }

  /** Releases the monitor and records its health; {@code failuresBeforeError} failures in a row make it ERROR. */
  public Uni<Void> release(long monitorId, String owner, Outcome outcome, int failuresBeforeError) {
    return pool.preparedQuery(RELEASE)
        .execute(
            Tuple.from(
                Arrays.asList(
                    monitorId,
                    owner,
                    outcome.error(),
                    outcome.value(),
                    outcome.state() == null ? null : outcome.state().wireName(),
                    failuresBeforeError)))
        .replaceWithVoid();
  }
}
