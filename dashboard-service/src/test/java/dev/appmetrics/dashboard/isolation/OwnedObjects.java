package dev.appmetrics.dashboard.isolation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One organization's objects by type, and where a JSON answer shows one of them. Decided on the parsed JSON, never on
 * its text: in a new database every type counts its ids from 1, so another organization's token 2 or a list's
 * {@code "limit":2} must not pass for this organization's project 2.
 *
 * <p>Types are named like their collections in the API's paths ({@code projects}, {@code keys}, {@code tokens},
 * {@code saved-queries}, {@code dashboards}, …). A number is an id of a type by where it stands: the {@code id} of an
 * object of that type, or a field naming the type ({@link #FIELD_TYPES}: {@code organizationId}, {@code projectId},
 * {@code projects}); numbers anywhere else (totals, limits, versions, layouts) are ids of nothing.
 */
final class OwnedObjects {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Fields holding objects or ids of a type; an object under any other field has no type of its own. */
  private static final Map<String, String> FIELD_TYPES =
      Map.ofEntries(
          Map.entry("organization", "organizations"),
          Map.entry("organizationId", "organizations"),
          Map.entry("projects", "projects"),
          Map.entry("projectId", "projects"),
          Map.entry("project", "projects"),
          Map.entry("adminToken", "tokens"),
          Map.entry("monitorId", "monitors"),
          Map.entry("monitors", "monitors"),
          Map.entry("issueId", "issues"),
          Map.entry("channelId", "channels"),
          Map.entry("channels", "channels"));

  private final Map<String, Set<Long>> ids = new HashMap<>();

  OwnedObjects(long organizationId) {
    add("organizations", organizationId);
  }

  void add(String type, long id) {
    ids.computeIfAbsent(type, t -> new HashSet<>()).add(id);
  }

  /**
   * JSON pointers to this organization's ids in {@code json}, an answer about objects of {@code type} (one, or a page
   * of them under {@code items}); empty when it shows none.
   */
  List<String> shownIn(String type, String json) {
    JsonNode answer;
    try {
      answer = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Not a JSON answer: " + json, e);
    }
    List<String> shown = new ArrayList<>();
    collect(answer, type, "", shown);
    return shown;
  }

  private void collect(JsonNode node, String type, String pointer, List<String> shown) {
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collect(node.get(i), type, pointer + "/" + i, shown);
      }
    } else if (node.isObject()) {
      node.fields()
          .forEachRemaining(
              field ->
                  collect(
                      field.getValue(),
                      typeOf(field.getKey(), type),
                      pointer + "/" + field.getKey(),
                      shown));
    } else if (node.isIntegralNumber()
        && ids.getOrDefault(type, Set.of()).contains(node.asLong())) {
      shown.add(pointer);
    }
  }

  /** What a field of an object of {@code objectType} holds: its own id, its page's items, or what its name says. */
  private static String typeOf(String field, String objectType) {
    return "id".equals(field) || "items".equals(field) ? objectType : FIELD_TYPES.get(field);
  }
}
