package dev.appmetrics.common.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks endpoints that only the platform's bootstrap token (config {@code appmetrics.bootstrap-token}) may call,
 * such as creating an organization. No organization's token passes them, not even an admin one; the bootstrap
 * token passes nothing else, so it can never read or change what lives inside an organization.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface PlatformAdminOnly {}
