package dev.appmetrics.dashboard.key;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DsnTest {

  @Test
  void putsThePublicKeyAsUserAndTheProjectAsPath() {
    assertEquals(
        "http://0123456789abcdef0123456789abcdef@127.0.0.1:8081/42",
        Dsn.of("http://127.0.0.1:8081", "0123456789abcdef0123456789abcdef", 42));
  }

  @Test
  void keepsTheDefaultPortImplicitAndDropsATrailingSlash() {
    assertEquals(
        "https://abc@ingest.example.com/7", Dsn.of("https://ingest.example.com/", "abc", 7));
  }
}
