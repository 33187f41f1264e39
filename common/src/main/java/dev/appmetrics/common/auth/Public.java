package dev.appmetrics.common.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the few endpoints anyone may call without a credential (the web UI's pages, which hold no data). Every other
 * resource, wherever its path, needs a credential: {@link ApiAuthFilter} denies by default.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Public {}
