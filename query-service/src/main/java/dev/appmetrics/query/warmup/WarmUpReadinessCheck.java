package dev.appmetrics.query.warmup;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Down while the replica warms itself up (SelfWarmUp), with how far it got. */
@Readiness
@ApplicationScoped
public class WarmUpReadinessCheck implements HealthCheck {

  private final SelfWarmUp warmUp;

  public WarmUpReadinessCheck(SelfWarmUp warmUp) {
    this.warmUp = warmUp;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("warm-up")
        .status(warmUp.isDone())
        .withData("answered", warmUp.answered())
        .withData("requests", warmUp.requests())
        .withData("onEvents", warmUp.onEvents())
        .build();
  }
}
