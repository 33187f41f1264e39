package dev.appmetrics.monitor.definition;

import io.smallrye.mutiny.Uni;

/**
 * query-service's judgement of a monitor's query, required before the monitor is saved: a 400 naming the monitor's
 * fields when it would refuse the query, a 503 when it cannot tell. Declared here, where monitors are saved; the
 * evaluation package implements it, since what it sends are the requests an evaluation sends.
 */
public interface QueryCheck {

  Uni<Void> require(long organizationId, MonitorSpec spec);
}
