package dev.appmetrics.monitor.definition;

import static org.hamcrest.Matchers.equalTo;

import dev.appmetrics.common.testing.GrantPublisher;
import dev.appmetrics.monitor.support.Specs;
import dev.appmetrics.monitor.support.Tenant;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A monitor or channel with a value of the wrong JSON type or an unknown choice answered 400 with an empty body
 * (issue 16); each now names its field and, for a choice, the values it takes.
 */
@QuarkusTest
class JsonTypeErrorsTest {

  @Inject GrantPublisher grants;

  Tenant tenant;

  @BeforeEach
  void tenant() {
    tenant = Tenant.create(grants);
  }

  private String monitor() {
    return Specs.thresholdMonitor(tenant.projectId(), "m", 100, List.of(), "30s");
  }

  private void refused(String path, String body, String field, String reason) {
    tenant
        .api()
        .body(body)
        .post(path)
        .then()
        .statusCode(400)
        .body("code", equalTo("bad_request"))
        .body("message", equalTo("'" + field + "' " + reason))
        .body("details[0].field", equalTo(field))
        .body("details[0].reason", equalTo(reason));
  }

  @Test
  void anUnknownChoiceListsTheValuesItTakes() {
    refused(
        "/api/v1/channels",
        Specs.slackChannel("http://127.0.0.1:9/hook").replace("\"slack\"", "\"teams\""),
        "type",
        "must be one of 'slack', 'pagerduty', 'email', 'webhook'");
    refused(
        "/api/v1/monitors",
        monitor().replace("\"direction\": \"above\"", "\"direction\": \"sideways\""),
        "detection.direction",
        "must be one of 'above', 'below', 'both'");
    refused(
        "/api/v1/monitors",
        monitor().replace("\"noData\": \"ok\"", "\"noData\": \"maybe\""),
        "noData",
        "must be one of 'ok', 'keep', 'alert'");
  }

  @Test
  void aValueOfTheWrongTypeNamesItsField() {
    refused(
        "/api/v1/monitors",
        monitor().replace("\"critical\": 100.0", "\"critical\": \"high\""),
        "detection.critical",
        "must be a number");
    refused(
        "/api/v1/monitors",
        monitor().replace("\"channels\": []", "\"channels\": \"ops\""),
        "channels",
        "must be an array");
  }
}
