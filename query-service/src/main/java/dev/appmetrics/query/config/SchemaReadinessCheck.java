package dev.appmetrics.query.config;

import dev.appmetrics.common.clickhouse.ClickHouseMigrations;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready until ClickHouse holds the schema this build reads: ingest-service owns the schema and migrates it, so a
 * query-service started first (or beside an older writer) waits for it instead of racing it.
 */
@Readiness
@ApplicationScoped
public class SchemaReadinessCheck implements AsyncHealthCheck {

  private final ClickHouseMigrations migrations;

  /** A schema once there stays: only the wait is checked again and again. */
  private volatile boolean ready;

  public SchemaReadinessCheck(ClickHouseMigrations migrations) {
    this.migrations = migrations;
  }

  @Override
  public Uni<HealthCheckResponse> call() {
    Uni<Boolean> present =
        ready
            ? Uni.createFrom().item(true)
            : Uni.createFrom()
                .item(() -> migrations.isApplied(ClickHouseMigrations.CURRENT))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    return present.map(
        applied -> {
          ready = applied;
          return HealthCheckResponse.named("clickhouse-schema")
              .status(applied)
              .withData("required", ClickHouseMigrations.CURRENT)
              .build();
        });
  }
}
