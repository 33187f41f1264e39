package dev.appmetrics.dashboard.organization;

import dev.appmetrics.dashboard.token.CreatedToken;

/** A new organization and its first admin token, whose secret this response shows once and never again. */
public record CreatedOrganization(OrganizationResponse organization, CreatedToken adminToken) {}
