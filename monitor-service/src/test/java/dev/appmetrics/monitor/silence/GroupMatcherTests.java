package dev.appmetrics.monitor.silence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class GroupMatcherTests {

  @Test
  void everyTermMustMatchTheGroupsValue() {
    GroupMatcher matcher = GroupMatcher.parse("route:/checkout region:eu");
    assertTrue(matcher.matches(Map.of("route", "/checkout", "region", "eu", "tier", "gold")));
    assertFalse(matcher.matches(Map.of("route", "/checkout", "region", "us")));
    assertFalse(matcher.matches(Map.of("route", "/checkout")));
  }

  @Test
  void quotedValuesAndNonTextGroupValues() {
    assertEquals(
        Map.of("name", "a \"b\" c", "retries", "2"),
        GroupMatcher.parse("name:\"a \\\"b\\\" c\" retries:2").terms());
    assertTrue(GroupMatcher.parse("retries:2 ok:true").matches(Map.of("retries", 2, "ok", true)));
    assertTrue(GroupMatcher.parse("").matches(Map.of("region", "eu")));
  }

  @Test
  void malformedMatchesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> GroupMatcher.parse("region"));
    assertThrows(IllegalArgumentException.class, () -> GroupMatcher.parse(":eu"));
    assertThrows(IllegalArgumentException.class, () -> GroupMatcher.parse("a:\"open"));
    assertThrows(IllegalArgumentException.class, () -> GroupMatcher.parse("a:1 a:2"));
  }
}
