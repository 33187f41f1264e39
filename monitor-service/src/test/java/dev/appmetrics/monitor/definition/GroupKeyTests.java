package dev.appmetrics.monitor.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GroupKeyTests {

  @Test
  void keyDoesNotDependOnAttributeOrder() {
    Map<String, Object> first = new LinkedHashMap<>();
    first.put("region", "eu");
    first.put("host", "a");
    Map<String, Object> second = new LinkedHashMap<>();
    second.put("host", "a");
    second.put("region", "eu");
    assertEquals("{\"host\":\"a\",\"region\":\"eu\"}", GroupKey.of(first));
    assertEquals(GroupKey.of(first), GroupKey.of(second));
  }

  @Test
  void ungroupedSeriesHasTheEmptyKey() {
    assertEquals("{}", GroupKey.of(Map.of()));
    assertEquals("{}", GroupKey.of(null));
  }

  @Test
  void parsesItsOwnKeyBack() {
    assertEquals(
        Map.of("region", "eu", "retries", 2),
        GroupKey.parse(GroupKey.of(Map.of("region", "eu", "retries", 2))));
  }
}
