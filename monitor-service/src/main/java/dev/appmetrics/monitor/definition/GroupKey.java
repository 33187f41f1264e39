package dev.appmetrics.monitor.definition;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.TreeMap;

/**
 * The canonical text of a group's attribute values (sorted JSON): a monitor is judged per group of its query's
 * group-by, and this text identifies the group's series in an evaluation, its issue, and what a silence held of it.
 */
public final class GroupKey {

  private static final ObjectMapper JSON = new ObjectMapper();

  private GroupKey() {}

  public static String of(Map<String, Object> group) {
    try {
      return JSON.writeValueAsString(new TreeMap<>(group == null ? Map.of() : group));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Group values must be strings, numbers or booleans", e);
    }
  }

  public static Map<String, Object> parse(String key) {
    try {
      return JSON.readValue(key, new TypeReference<TreeMap<String, Object>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Unreadable group key " + key, e);
    }
  }
}
