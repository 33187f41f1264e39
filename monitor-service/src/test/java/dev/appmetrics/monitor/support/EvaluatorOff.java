package dev.appmetrics.monitor.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * For tests that evaluate monitors themselves: the application's own evaluator would evaluate the same monitors on
 * its tick, against the real query-service, as another replica (claiming some of them, or resolving an issue the
 * test is driving). Its first tick is a day away; the outbox relay and the delivery workers keep running.
 */
public class EvaluatorOff implements QuarkusTestProfile {

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of("appmetrics.monitor.evaluation.tick", "24h");
  }
}
