package dev.appmetrics.monitor.silence;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A per-group silence's match: {@code route:/checkout region:eu} (a value with spaces quoted, {@code key:"a b"}) holds
 * the issues whose group has every one of those values; a key the group lacks does not match.
 */
public record GroupMatcher(Map<String, String> terms) {

  public static GroupMatcher parse(String text) {
    Map<String, String> terms = new LinkedHashMap<>();
    int i = 0;
    String source = text == null ? "" : text.strip();
    while (i < source.length()) {
      if (Character.isWhitespace(source.charAt(i))) {
        i++;
        continue;
      }
      int colon = source.indexOf(':', i);
      int space = nextSpace(source, i);
      if (colon < 0 || colon > space || colon == i) {
        throw new IllegalArgumentException("expected key:value at position " + (i + 1));
      }
      String key = source.substring(i, colon);
      StringBuilder value = new StringBuilder();
      i = colon + 1;
      if (i < source.length() && source.charAt(i) == '"') {
        i++;
        while (i < source.length() && source.charAt(i) != '"') {
          value.append(
              source.charAt(i) == '\\' && i + 1 < source.length()
                  ? source.charAt(++i)
                  : source.charAt(i));
          i++;
        }
        if (i >= source.length()) {
          throw new IllegalArgumentException("unterminated quoted value for '" + key + "'");
        }
        i++;
      } else {
        int end = nextSpace(source, i);
        value.append(source, i, end);
        i = end;
      }
      if (terms.put(key, value.toString()) != null) {
        throw new IllegalArgumentException("'" + key + "' is matched twice");
      }
    }
    return new GroupMatcher(Map.copyOf(terms));
  }

  /** Group values are text (integers in decimal, booleans as true/false), as query-service groups them. */
  public boolean matches(Map<String, Object> group) {
    return terms.entrySet().stream()
        .allMatch(
            term ->
                group.containsKey(term.getKey())
                    && Objects.equals(String.valueOf(group.get(term.getKey())), term.getValue()));
  }

  private static int nextSpace(String text, int from) {
    for (int i = from; i < text.length(); i++) {
      if (Character.isWhitespace(text.charAt(i))) {
        return i;
      }
    }
    return text.length();
  }
}
