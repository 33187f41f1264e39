package dev.appmetrics.query.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appmetrics.common.auth.Grants.ProjectGrant;
import dev.appmetrics.common.auth.Grants.TokenGrant;
import dev.appmetrics.common.auth.Scope;
import dev.appmetrics.common.auth.TokenHash;
import dev.appmetrics.common.clickhouse.ClickHouseClient;
import dev.appmetrics.common.testing.GrantPublisher;
import io.vertx.mutiny.core.buffer.Buffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A random organization with one project and a READ token, published on the real projects.config topic, and its
 * events written to the test database's metric_events. Random ids keep concurrent test runs apart.
 */
public record Tenant(long organizationId, long projectId, String token) {

  public static Tenant create(GrantPublisher grants) {
    long organization = ThreadLocalRandom.current().nextLong(1_000_000_000L, Long.MAX_VALUE / 2);
    long project = ThreadLocalRandom.current().nextLong(1_000_000_000L, Long.MAX_VALUE / 2);
    String token = "amt_" + UUID.randomUUID();
    grants.publish(new ProjectGrant(project, organization, "p" + project, true));
    grants.publish(
        new TokenGrant(
            TokenHash.sha256(token),
            organization,
            organization,
            Set.of(Scope.READ),
            true,
            "tests"));
    return new Tenant(organization, project, token);
  }

  public String bearer() {
    return "Bearer " + token;
  }

  public void insert(ClickHouseClient clickHouse, ObjectMapper json, List<TestEvent> events)
      throws Exception {
    StringBuilder rows = new StringBuilder();
    for (TestEvent event : events) {
      rows.append(json.writeValueAsString(event.row(organizationId))).append('\n');
    }
    clickHouse
        .insertJsonEachRow(
            "metric_events", List.of(Buffer.buffer(rows.toString())), "query-test", Map.of())
        .await()
        .atMost(Duration.ofSeconds(30));
  }
}
