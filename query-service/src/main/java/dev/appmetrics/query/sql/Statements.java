package dev.appmetrics.query.sql;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The ClickHouse statements of one request, within its organization's share ({@link ClickHouseReader#read}). A
 * statement runs on a permit the request holds or on one more of its organization's; with none left it waits for one
 * of the request's own statements to end, and a request that holds none yet is refused with a 429. So an
 * organization never has more statements running than its limit, while a request that has started is never refused
 * halfway: it keeps one permit until it ends and gives the others back as its statements finish.
 */
public final class Statements {

  private final ClickHouseReader reader;
  private final long organization;
  private final Deque<Runnable> waiting = new ArrayDeque<>();
  private int held;
  private int running;
  private boolean closed;

  Statements(ClickHouseReader reader, long organization) {
    this.reader = reader;
    this.organization = organization;
  }

  /** The statement's rows, each read by its decoder; {@code sender} becomes the query_id's prefix. */
  public <T> Uni<List<T>> run(Statement<T> statement, String sender) {
    return answer(statement.sql(), sender)
        .map(rows -> rows.stream().map(statement.decoder()).toList());
  }

  private Uni<List<Row>> answer(String sql, String sender) {
    return Uni.createFrom()
        .emitter(
            emitter -> {
              Runnable start = () -> start(emitter, sql, sender);
              boolean now = false;
              boolean refused = false;
              synchronized (this) {
                if (running == held && reader.tryAcquire(organization)) {
                  held++;
                }
                if (running < held) {
                  running++;
                  now = true;
                } else if (held > 0) {
                  waiting.add(start);
                } else {
                  refused = true;
                }
              }
              if (now) {
                start.run();
              } else if (refused) {
                emitter.fail(new TooManyStatementsException(reader.limit()));
              }
            });
  }

  private void start(UniEmitter<? super List<Row>> emitter, String sql, String sender) {
    reader
        .query(sql, sender)
        .subscribe()
        .with(
            rows -> {
              finished();
              emitter.complete(rows);
            },
            failure -> {
              finished();
              emitter.fail(failure);
            });
  }

  /** The permit goes to the request's next waiting statement, or back to the organization but for the one kept. */
  private void finished() {
    Runnable next;
    synchronized (this) {
      next = closed ? null : waiting.poll();
      if (next == null) {
        running--;
        if (closed || held > Math.max(running, 1)) {
          held--;
          reader.release(organization);
        }
      }
    }
    if (next != null) {
      next.run();
    }
  }

  /** At the end of the request, however it ends; statements still running give their permits back when they end. */
  void close() {
    synchronized (this) {
      closed = true;
      waiting.clear();
      for (; held > running; held--) {
        reader.release(organization);
      }
    }
  }
}
