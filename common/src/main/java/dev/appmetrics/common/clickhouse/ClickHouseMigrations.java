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
 * Versioned, idempotent ClickHouse schema migrations, applied at start-up by every service that uses ClickHouse
 * (the writer needs the tables before its first insert, query-service before its first read). Each migration is
 * one statement: a CREATE TABLE IF NOT EXISTS, or an ALTER TABLE ... ADD COLUMN, which ClickHouse 18.16 cannot write
 * with IF NOT EXISTS; a column that already exists means another service applied it a moment ago. So two services
 * starting together cannot break each other.
 * With {@code appmetrics.clickhouse.cluster} set, each migration is rewritten for the cluster ({@link SchemaLayout}).
 */
@ApplicationScoped
@IfBuildProperty(name = "appmetrics.clickhouse.enabled", stringValue = "true")
public class ClickHouseMigrations {

  private static final Logger LOG = Logger.getLogger(ClickHouseMigrations.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  /** In order; a file is never edited once released: a change is a new migration. */
  static final List<String> MIGRATIONS =
      List.of("001_metric_events.sql", "002_spans.sql", "003_logs.sql", "004_errors.sql",
          "005_spans_kafka_position.sql", "006_logs_kafka_position.sql", "007_errors_kafka_position.sql");

  private final ClickHouseClient clickHouse;
  private final SchemaLayout layout;

  public ClickHouseMigrations(ClickHouseClient clickHouse, ClickHouseConfig config) {
    this.clickHouse = clickHouse;
    this.layout = SchemaLayout.of(clickHouse.database(), config.cluster().orElse(""));
  }

  void onStart(@Observes StartupEvent event) {
    migrate();
  }

  public void migrate() {
    clickHouse.executeWithoutDatabase(layout.createDatabase(), "migrate").await().atMost(TIMEOUT);
    run(layout.createMigrationsTable());
    Set<String> applied = List.of(run("SELECT name FROM schema_migrations FORMAT TabSeparated").split("\n")).stream()
        .filter(name -> !name.isBlank()).collect(Collectors.toSet());
    for (String name : MIGRATIONS) {
      if (applied.contains(name)) {
        continue;
      }
      layout.statements(resource("clickhouse/migrations/" + name)).forEach(this::apply);
      run("INSERT INTO schema_migrations (name) VALUES ('" + name + "')");
      LOG.infof("Applied ClickHouse migration %s to database %s", name, clickHouse.database());
    }
  }

  private void apply(String statement) {
    try {
      run(statement);
    } catch (ClickHouseException e) {
      if (!e.getMessage().contains("column with this name already exists")) {
        throw e;
      }
      LOG.infof("Migration statement already applied by another service: %s", statement);
    }
  }

  private String run(String sql) {
    return clickHouse.execute(sql, "migrate", Map.of()).await().atMost(TIMEOUT);
  }

  private static String resource(String path) {
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
