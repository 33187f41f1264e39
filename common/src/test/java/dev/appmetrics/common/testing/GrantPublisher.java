package dev.appmetrics.common.testing;

import dev.appmetrics.common.auth.CredentialStore;
import dev.appmetrics.common.auth.Grants.Grant;
import dev.appmetrics.common.auth.Grants.ProjectGrant;
import dev.appmetrics.common.auth.Grants.ProjectKeyGrant;
import dev.appmetrics.common.auth.Grants.TokenGrant;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Test set-up for a {@code @QuarkusTest}: writes grants to the real topic and applies them to the service's own
 * credential store at once, as dashboard-service does for its own writes, so the test's next request is known without
 * waiting for the topic. A bean because this test-jar carries a {@code META-INF/beans.xml}.
 */
@ApplicationScoped
public class GrantPublisher {

  private final CredentialStore localStore;
  private final TopicGrants topic;

  public GrantPublisher(
      CredentialStore localStore,
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
    this.localStore = localStore;
    this.topic = new TopicGrants(bootstrapServers);
  }

  public void publish(ProjectGrant grant) {
    send(grant);
  }

  public void publish(ProjectKeyGrant grant) {
    send(grant);
  }

  public void publish(TokenGrant grant) {
    send(grant);
  }

  private void send(Grant grant) {
    try {
      localStore.apply(grant.topicKey(), topic.send(grant.topicKey(), grant));
    } catch (Exception e) {
      throw new IllegalStateException("Kafka did not acknowledge the grant " + grant.topicKey(), e);
    }
  }

  @PreDestroy
  void close() {
    topic.close();
  }
}
