package dev.appmetrics.ingest.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every place a DSN key may travel in. */
class SentryAuthTests {

  @Test
  void readsTheKeyFromSentryHeadersWhateverTheCaseAndOrder() {
    assertEquals(
        Optional.of("abc"),
        SentryAuth.fromSentryHeader("Sentry sentry_version=7, sentry_key=abc, sentry_client=x/1"));
    assertEquals(Optional.of("abc"), SentryAuth.fromSentryHeader("sentry sentry_key=abc"));
    assertEquals(Optional.empty(), SentryAuth.fromSentryHeader("Sentry sentry_version=7"));
    assertEquals(Optional.empty(), SentryAuth.fromSentryHeader("Bearer abc"));
  }

  @Test
  void readsTheKeyFromAuthorizationInItsThreeForms() {
    assertEquals(Optional.of("abc"), SentryAuth.fromAuthorization("Sentry sentry_key=abc"));
    assertEquals(Optional.of("abc"), SentryAuth.fromAuthorization("Bearer abc"));
    assertEquals(
        Optional.of("abc"),
        SentryAuth.fromAuthorization(
            "Basic " + Base64.getEncoder().encodeToString("abc:".getBytes())));
    assertEquals(Optional.empty(), SentryAuth.fromAuthorization("Basic %%%"));
    assertEquals(Optional.empty(), SentryAuth.fromAuthorization(null));
  }

  @Test
  void readsTheKeyFromADsn() {
    assertEquals(Optional.of("abc"), SentryAuth.fromDsn("http://abc@127.0.0.1:8081/42"));
    assertEquals(Optional.of("abc"), SentryAuth.fromDsn("https://abc:secret@example.com/42"));
    assertEquals(Optional.empty(), SentryAuth.fromDsn("http://127.0.0.1/42"));
    assertEquals(Optional.empty(), SentryAuth.fromDsn("::not a uri"));
  }
}
