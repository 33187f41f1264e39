package dev.appmetrics.query.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appmetrics.common.clickhouse.ClickHouseClient;
import dev.appmetrics.common.testing.GrantPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * The set-up query-service's tests share: fresh tenants (organization, project and READ token, published on the
 * real topic) and their events written to the test database, so a test injects one fixture instead of the publisher,
 * the ClickHouse client and the JSON mapper, and says in one line what it needs.
 */
@ApplicationScoped
public class Tenants {

  /** A tenant and the golden dataset written for its project. */
  public record WithDataset(Tenant tenant, GoldenDataset data) {}

  private final GrantPublisher grants;
  private final ClickHouseClient clickHouse;
  private final ObjectMapper json;

  public Tenants(GrantPublisher grants, ClickHouseClient clickHouse, ObjectMapper json) {
    this.grants = grants;
    this.clickHouse = clickHouse;
    this.json = json;
  }

  public Tenant create() {
    return Tenant.create(grants);
  }

  /** A fresh tenant with the golden dataset, its metric names suffixed so that runs never meet. */
  public WithDataset withGoldenDataset() throws Exception {
    Tenant tenant = create();
    GoldenDataset data =
        new GoldenDataset(tenant.projectId(), UUID.randomUUID().toString().substring(0, 8));
    insert(tenant, data.events);
    return new WithDataset(tenant, data);
  }

  public void insert(Tenant tenant, List<TestEvent> events) throws Exception {
    tenant.insert(clickHouse, json, events);
  }
}
