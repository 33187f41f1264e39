package dev.appmetrics.common.clickhouse;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Versioned ClickHouse schema migrations. One service owns the schema and applies them at start-up
 * ({@code appmetrics.clickhouse.migrate-at-start}: ingest-service, whose writer needs the tables before its first insert);
 * readers only wait until the version they need is recorded ({@link #isApplied}).
 *
 * <p>Several pods of the owner start together, and ClickHouse (18.16 locally) has neither transactions nor advisory
 * locks, so the guarantee is built from two parts. A lock: the pending migrations are read and applied only by the
 * migrator whose {@code CREATE TABLE schema_migrations_lock} succeeded; the others wait until it drops the table, then
 * find nothing pending. Each migration applied and recorded once follows from that. And idempotent statements (CREATE
 * TABLE IF NOT EXISTS; an ALTER TABLE ... ADD COLUMN, which 18.16 cannot write with IF NOT EXISTS, counts as applied when
 * the column exists): a lock left by a migrator that died is taken over after {@link #ABANDONED_AFTER}, and if its owner
 * was in fact still running, or a migrator died between a statement and its record, running a statement again
 * changes nothing; a {@link Relayout} (a table copied into a new layout) and a {@link BackfilledView} (a view given the
 * rows already stored) find where they stopped. With
 * {@code appmetrics.clickhouse.cluster} set, each migration is rewritten for the cluster
 * ({@link SchemaLayout}).
 */
@ApplicationScoped
@IfBuildProperty(name = "appmetrics.clickhouse.enabled", stringValue = "true")
public class ClickHouseMigrations {

  private static final Logger LOG = Logger.getLogger(ClickHouseMigrations.class);
  private static final String SENDER = "migrate";
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  /** Far longer than applying every migration takes; a lock this old belongs to a migrator that stopped. */
  static final Duration ABANDONED_AFTER = Duration.ofMinutes(2);

  private static final Duration LOCK_POLL = Duration.ofMillis(200);
  private static final int TABLE_ALREADY_EXISTS = 57;

  /** In order; a file is never edited once released: a change is a new migration. */
  static final List<String> MIGRATIONS =
      List.of(
          "001_metric_events.sql",
          "002_spans.sql",
          "003_logs.sql",
          "004_errors.sql",
          "005_spans_kafka_position.sql",
          "006_logs_kafka_position.sql",
          "007_errors_kafka_position.sql",
          "008_metric_events_by_retention.relayout.sql",
          "009_spans_by_retention.relayout.sql",
          "010_logs_by_retention.relayout.sql",
          "011_errors_by_retention.relayout.sql",
          "012_metric_events_downsampled_retention.sql",
          "013_metric_events_downsample_8.sql",
          "014_metric_events_downsample_64.sql",
          "015_metric_events_downsample_512.sql",
          "016_metric_events_downsample_8_view.view.sql",
          "017_metric_events_downsample_64_view.view.sql",
          "018_metric_events_downsample_512_view.view.sql",
          "019_spans_downsampled_retention.sql",
          "020_spans_downsample_8.sql",
          "021_spans_downsample_64.sql",
          "022_spans_downsample_512.sql",
          "023_spans_downsample_8_view.view.sql",
          "024_spans_downsample_64_view.view.sql",
          "025_spans_downsample_512_view.view.sql");

  /** The schema this build reads and writes: its last migration. */
  public static final String CURRENT = MIGRATIONS.get(MIGRATIONS.size() - 1);

  private final ClickHouseClient clickHouse;
  private final ClickHouseConfig config;
  private final SchemaLayout layout;

  public ClickHouseMigrations(ClickHouseClient clickHouse, ClickHouseConfig config) {
    this.clickHouse = clickHouse;
    this.config = config;
    this.layout = SchemaLayout.of(clickHouse.database(), config.cluster().orElse(""));
  }

  void onStart(@Observes StartupEvent event) {
    if (config.migrateAtStart()) {
      migrate();
    }
  }

  public void migrate() {
    // Mostly nothing is pending, and then no DDL runs: ON CLUSTER DDL waits for every server of the
    // cluster, and a pod
    // must start while one of them is down.
    if (recorded().containsAll(MIGRATIONS)) {
      return;
    }
    clickHouse.executeWithoutDatabase(layout.createDatabase(), SENDER).await().atMost(TIMEOUT);
    run(layout.createMigrationsTable());
    if (pending().isEmpty()) {
      return;
    }
    lock();
    try {
      // Read again under the lock: a migrator that held it a moment ago may have applied
      // everything.
      layout.syncMigrations(this::run);
      for (String name : pending()) {
        String migration = resource("clickhouse/migrations/" + name);
        if (Relayout.isRelayout(name)) {
          layout.relayout(name, migration, this::run);
        } else if (BackfilledView.isBackfilledView(name)) {
          layout.view(migration, this::run);
        } else {
          layout.apply(migration, this::apply);
        }
        run("INSERT INTO schema_migrations (name) VALUES ('" + name + "')");
        LOG.infof("Applied ClickHouse migration %s to database %s", name, clickHouse.database());
      }
    } finally {
      run(layout.dropLock());
    }
  }

  /** True once the migration is recorded; false also while the database or its migrations table do not exist yet. */
  public boolean isApplied(String migration) {
    return recorded().contains(migration);
  }

  /** The migrations recorded; none while the database or its migrations table do not exist yet. */
  private Set<String> recorded() {
    try {
      return applied();
    } catch (ClickHouseException e) {
      return Set.of();
    }
  }

  private List<String> pending() {
    Set<String> applied = applied();
    return MIGRATIONS.stream().filter(name -> !applied.contains(name)).toList();
  }

  private Set<String> applied() {
    return run("SELECT name FROM schema_migrations FORMAT TabSeparated")
        .lines()
        .filter(name -> !name.isBlank())
        .collect(Collectors.toSet());
  }

  private void lock() {
    long abandonedAt = System.nanoTime() + ABANDONED_AFTER.toNanos();
    while (true) {
      try {
        run(layout.createLock());
        return;
      } catch (ClickHouseException e) {
        if (e.code().orElse(0) != TABLE_ALREADY_EXISTS) {
          throw e;
        }
      }
      if (System.nanoTime() - abandonedAt > 0) {
        LOG.warnf(
            "The ClickHouse migration lock was held for over %s; taking it over from a migrator that stopped",
            ABANDONED_AFTER);
        run(layout.dropLock());
        abandonedAt = System.nanoTime() + ABANDONED_AFTER.toNanos();
      } else {
        sleep(LOCK_POLL);
      }
    }
  }

  private String apply(String statement) {
    try {
      return run(statement);
    } catch (ClickHouseException e) {
      if (!e.getMessage().contains("column with this name already exists")) {
        throw e;
      }
      LOG.infof(
          "Migration statement found already applied by a migrator that stopped: %s", statement);
      return "";
    }
  }

  private String run(String sql) {
    return clickHouse.execute(sql, SENDER, Map.of()).await().atMost(TIMEOUT);
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "Interrupted while waiting for the ClickHouse migration lock", e);
    }
  }

  static String resource(String path) {
    try (InputStream in = ClickHouseMigrations.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("Missing migration " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
