package dev.appmetrics.ingest.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Which credential an ingest endpoint takes; {@link IngestAuthFilter} verifies it before the body is read and hands
 * the caller to the endpoint through {@link VerifiedCaller}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface IngestAuthenticated {

  Credential value();

  /** Where the credential may be. */
  enum Credential {
    /** A DSN key in X-Sentry-Auth or Authorization (OTLP). */
    PROJECT_KEY,
    /** A DSN key, or an API token with the ingest scope of the project's organization (native batch). */
    PROJECT_KEY_OR_TOKEN,
    /**
     * A DSN key in X-Sentry-Auth, Authorization or {@code ?sentry_key=}, or else in the envelope header's
     * {@code dsn}, which the endpoint verifies from the body's first line before it reads any item.
     */
    ENVELOPE
  }
}
