package dev.appmetrics.common.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks ingest endpoints that authenticate by a DSN's public key (Sentry and OTLP conventions) instead of an
 * API token; the endpoint itself must verify the key with {@link CredentialStore#projectKey}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface ProjectKeyAuthenticated {}
