package dev.appmetrics.common.clickhouse;

import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while ClickHouse answers its ping. */
@Readiness
@ApplicationScoped
@IfBuildProperty(name = "appmetrics.clickhouse.enabled", stringValue = "true")
public class ClickHouseReadinessCheck implements AsyncHealthCheck {

  private final ClickHouseClient clickHouse;

  public ClickHouseReadinessCheck(ClickHouseClient clickHouse) {
    this.clickHouse = clickHouse;
  }

  @Override
  public Uni<HealthCheckResponse> call() {
    return clickHouse.ping().map(up -> HealthCheckResponse.named("clickhouse").status(up).build());
  }
}
