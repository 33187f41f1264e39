package dev.appmetrics.dashboard.token;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appmetrics.common.auth.TokenHash;
import dev.appmetrics.dashboard.organization.Tenants;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A token's secret is in the response that creates it and nowhere else: not in reads, logs or the database. */
@QuarkusTest
class TokenSecrecyTest {

  @Inject AgroalDataSource database;

  private final List<String> logs = new ArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          StringWriter text = new StringWriter();
          text.append(String.valueOf(record.getMessage()));
          if (record.getParameters() != null) {
            for (Object parameter : record.getParameters()) {
              text.append(' ').append(String.valueOf(parameter));
            }
          }
          if (record.getThrown() != null) {
            record.getThrown().printStackTrace(new PrintWriter(text));
          }
          synchronized (logs) {
            logs.add(text.toString());
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void captureLogs() {
    Logger.getLogger("").addHandler(capture);
  }

  @AfterEach
  void stopCapturing() {
    Logger.getLogger("").removeHandler(capture);
  }

  @Test
  void theSecretAppearsOnlyInTheCreationResponse() throws Exception {
    JsonPath organization = Tenants.createOrganization(Tenants.uniqueSlug("secret"));
    String admin = organization.getString("adminToken.token");
    JsonPath created = Tenants.createToken(admin, "ci", "read", "write");
    String secret = created.getString("token");
    long tokenId = created.getLong("id");
    assertTrue(secret.matches("amt_[0-9A-Za-z]{40}"), "token format: " + secret);

    List<String> laterResponses = new ArrayList<>();
    laterResponses.add(
        given()
            .auth()
            .oauth2(secret)
            .when()
            .get("/api/v1/projects")
            .then()
            .statusCode(200)
            .extract()
            .asString());
    laterResponses.add(
        given()
            .auth()
            .oauth2(admin)
            .when()
            .get("/api/v1/tokens")
            .then()
            .statusCode(200)
            .extract()
            .asString());
    laterResponses.add(
        given()
            .auth()
            .oauth2(admin)
            .when()
            .get("/api/v1/tokens/" + tokenId)
            .then()
            .statusCode(200)
            .extract()
            .asString());
    laterResponses.add(
        given()
            .auth()
            .oauth2(secret + "x")
            .when()
            .get("/api/v1/projects")
            .then()
            .statusCode(401)
            .extract()
            .asString());
    String rotation =
        given()
            .auth()
            .oauth2(admin)
            .when()
            .post("/api/v1/tokens/" + tokenId + "/rotate")
            .then()
            .statusCode(201)
            .extract()
            .asString();
    laterResponses.add(rotation);
    laterResponses.add(
        given()
            .auth()
            .oauth2(secret)
            .when()
            .get("/api/v1/projects")
            .then()
            .statusCode(401)
            .extract()
            .asString());

    for (String response : laterResponses) {
      assertFalse(response.contains(secret), "a later response shows the secret: " + response);
      assertFalse(response.contains(admin), "a later response shows the admin token: " + response);
    }
    assertTrue(
        laterResponses.get(2).contains("\"prefix\":\"" + secret.substring(0, 10) + "\""),
        "reads show the prefix");
    synchronized (logs) {
      for (String line : logs) {
        assertFalse(
            line.contains(secret) || line.contains(admin), "a log line shows a secret: " + line);
      }
    }
    assertEquals(List.of(TokenHash.sha256(secret)), storedRowsMentioning(tokenId, secret));
  }

  /** The token's row as stored, with any column holding the secret itself reported. */
  private List<String> storedRowsMentioning(long tokenId, String secret) throws Exception {
    List<String> found = new ArrayList<>();
    try (Connection connection = database.getConnection();
        PreparedStatement select =
            connection.prepareStatement("SELECT * FROM api_token WHERE id = ?")) {
      select.setLong(1, tokenId);
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          for (int column = 1; column <= row.getMetaData().getColumnCount(); column++) {
            String value = row.getString(column);
            if (value != null && value.contains(secret)) {
              found.add("column " + row.getMetaData().getColumnName(column) + " holds the secret");
            }
          }
          found.add(row.getString("token_hash"));
        }
      }
    }
    return found;
  }
}
