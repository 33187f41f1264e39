package dev.appmetrics.common.clickhouse;

import java.util.List;
import java.util.function.Function;

/** One server: the migrations run as they are written. */
record SingleServerLayout(String database) implements SchemaLayout {

  SingleServerLayout {
    SchemaLayout.identifier("database", database);
  }

  @Override
  public String createDatabase() {
    return "CREATE DATABASE IF NOT EXISTS " + database;
  }

  @Override
  public String createMigrationsTable() {
    return "CREATE TABLE IF NOT EXISTS "
        + database
        + ".schema_migrations "
        + "(name String, applied_at DateTime DEFAULT now()) ENGINE = MergeTree ORDER BY name";
  }

  @Override
  public String createLock() {
    return "CREATE TABLE " + database + "." + LOCK_TABLE + " (owner String) ENGINE = TinyLog";
  }

  @Override
  public String dropLock() {
    return "DROP TABLE IF EXISTS " + database + "." + LOCK_TABLE;
  }

  @Override
  public List<String> statements(String migration) {
    return List.of(migration);
  }

  @Override
  public void relayout(String name, String migration, Function<String, String> run) {
    new Relayout(run).apply(migration);
  }

  @Override
  public void view(String migration, Function<String, String> run) {
    new BackfilledView(run).apply(migration);
  }
}
