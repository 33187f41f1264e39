package dev.appmetrics.common.clickhouse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/** Migrators started at the same moment, as the pods of one deployment are, and what a finished schema log reads. */
final class SimultaneousMigrators {

  /** The migrations recorded in schema_migrations, one line of name and count each. */
  static final String RECORDED =
      "SELECT name, count() FROM schema_migrations GROUP BY name ORDER BY name FORMAT TabSeparated";

  private SimultaneousMigrators() {}

  /** Each migrator on its own thread, all released together; what they threw, once all ended or {@code wait} passed. */
  static List<Throwable> migrate(List<ClickHouseMigrations> migrators, Duration wait)
      throws InterruptedException {
    CountDownLatch start = new CountDownLatch(1);
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (ClickHouseMigrations migrations : migrators) {
      Thread thread =
          new Thread(
              () -> {
                try {
                  start.await();
                  migrations.migrate();
                } catch (Throwable e) {
                  failures.add(e);
                }
              });
      thread.start();
      threads.add(thread);
    }
    start.countDown();
    for (Thread thread : threads) {
      thread.join(wait.toMillis());
    }
    return failures;
  }

  /** {@link #RECORDED}'s answer when each migration of this build was recorded exactly once. */
  static String eachRecordedOnce() {
    StringBuilder once = new StringBuilder();
    ClickHouseMigrations.MIGRATIONS.forEach(name -> once.append(name).append("\t1\n"));
    return once.toString();
  }
}
