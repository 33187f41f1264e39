package dev.appmetrics.dashboard.token;

import dev.appmetrics.common.auth.Scope;
import java.time.Instant;
import java.util.Set;

/** A token as lists and reads show it: its prefix, never the token. */
public record TokenResponse(
    long id,
    long organizationId,
    String name,
    String prefix,
    Set<Scope> scopes,
    Instant createdAt,
    Instant revokedAt) {}
