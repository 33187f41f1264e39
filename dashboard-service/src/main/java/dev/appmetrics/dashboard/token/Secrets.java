package dev.appmetrics.dashboard.token;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Random credentials: API tokens and the public keys of DSNs. */
public final class Secrets {

  /** Tokens start with this so scanners (and people) can recognise a leaked one. */
  public static final String TOKEN_PREFIX = "amt_";

  static final int TOKEN_RANDOM_CHARS = 40;

  /** How much of a token lists show: the marker and six random characters. */
  static final int SHOWN_PREFIX_LENGTH = TOKEN_PREFIX.length() + 6;

  private static final String BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final SecureRandom RANDOM = new SecureRandom();

  private Secrets() {}

  /** "amt_" and 40 base62 characters: about 238 random bits, so an unsalted SHA-256 is enough to store it. */
  public static String newToken() {
    StringBuilder token = new StringBuilder(TOKEN_PREFIX);
    for (int i = 0; i < TOKEN_RANDOM_CHARS; i++) {
      token.append(BASE62.charAt(RANDOM.nextInt(BASE62.length())));
    }
    return token.toString();
  }

  static String shownPrefix(String token) {
    return token.substring(0, SHOWN_PREFIX_LENGTH);
  }

  /** 32 hex characters (128 random bits), the length Sentry's SDKs expect of a DSN's public key. */
  public static String newPublicKey() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
