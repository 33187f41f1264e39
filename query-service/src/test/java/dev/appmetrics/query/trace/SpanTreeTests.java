package dev.appmetrics.query.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.appmetrics.query.trace.SpanTree.Node;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpanTreeTests {

  record S(String id, String parent) {}

  static List<String> walk(List<S> spans) {
    return SpanTree.depthFirst(spans, S::id, S::parent).stream()
        .map(n -> n.row().id() + ":" + n.depth())
        .toList();
  }

  @Test
  void childrenFollowTheirParentInStartOrder() {
    assertEquals(
        List.of("a:0", "b:1", "d:2", "c:1"),
        walk(List.of(new S("a", ""), new S("b", "a"), new S("c", "a"), new S("d", "b"))));
  }

  @Test
  void spansWhoseParentWasNotStoredAreRoots() {
    assertEquals(
        List.of("a:0", "x:0", "y:1"),
        walk(List.of(new S("a", ""), new S("x", "gone"), new S("y", "x"))));
  }

  @Test
  void aParentCycleStillShowsEverySpanOnce() {
    assertEquals(
        List.of("r:0", "a:0", "b:1"),
        walk(List.of(new S("r", ""), new S("a", "b"), new S("b", "a"))));
  }

  @Test
  void aDuplicateSpanIdCountsOnce() {
    assertEquals(
        List.of("a:0", "b:1"), walk(List.of(new S("a", ""), new S("b", "a"), new S("b", "a"))));
  }

  @Test
  void aChainDeeperThanAnyStackIsWalked() {
    List<S> chain = new ArrayList<>();
    chain.add(new S("0", ""));
    for (int i = 1; i < 200_000; i++) {
      chain.add(new S(Integer.toString(i), Integer.toString(i - 1)));
    }
    List<Node<S>> nodes = SpanTree.depthFirst(chain, S::id, S::parent);
    assertEquals(200_000, nodes.size());
    assertEquals(199_999, nodes.get(199_999).depth());
  }
}
