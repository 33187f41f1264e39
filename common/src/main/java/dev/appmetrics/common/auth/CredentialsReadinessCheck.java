package dev.appmetrics.common.auth;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until the credentials topic has been read up to where it stood at start-up. */
@Readiness
@ApplicationScoped
public class CredentialsReadinessCheck implements HealthCheck {

  private final CredentialStore credentials;

  public CredentialsReadinessCheck(CredentialStore credentials) {
    this.credentials = credentials;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("credentials").status(credentials.isCaughtUp()).build();
  }
}
