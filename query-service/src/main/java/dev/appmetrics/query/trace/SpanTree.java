package dev.appmetrics.query.trace;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Orders spans as a depth-first walk of their tree. Roots are spans without a parent in the trace (a missing parent
 * was not stored, as with a sampled-out service); siblings keep the input order (start time). Iterative, so a deep
 * trace cannot overflow the stack, and a parent cycle (bad data) still shows every span once.
 */
final class SpanTree {

  record Node<T>(T row, int depth) {}

  private SpanTree() {}

  static <T> List<Node<T>> depthFirst(
      List<T> spans, Function<T, String> id, Function<T, String> parent) {
    Map<String, T> byId = new LinkedHashMap<>();
    spans.forEach(span -> byId.putIfAbsent(id.apply(span), span));
    Map<String, List<T>> children = new HashMap<>();
    List<T> roots = new ArrayList<>();
    for (T span : byId.values()) {
      String p = parent.apply(span);
      if (p.isEmpty() || p.equals(id.apply(span)) || !byId.containsKey(p)) {
        roots.add(span);
      } else {
        children.computeIfAbsent(p, k -> new ArrayList<>()).add(span);
      }
    }
    List<Node<T>> out = new ArrayList<>(byId.size());
    Set<String> visited = new HashSet<>();
    walk(roots, children, id, visited, out);
    for (T span : byId.values()) {
      if (!visited.contains(id.apply(span))) {
        walk(List.of(span), children, id, visited, out);
      }
    }
    return out;
  }

  private static <T> void walk(
      List<T> roots,
      Map<String, List<T>> children,
      Function<T, String> id,
      Set<String> visited,
      List<Node<T>> out) {
    Deque<Node<T>> stack = new ArrayDeque<>();
    for (int i = roots.size() - 1; i >= 0; i--) {
      stack.push(new Node<>(roots.get(i), 0));
    }
    while (!stack.isEmpty()) {
      Node<T> node = stack.pop();
      if (!visited.add(id.apply(node.row()))) {
        continue;
      }
      out.add(node);
      List<T> kids = children.getOrDefault(id.apply(node.row()), List.of());
      for (int i = kids.size() - 1; i >= 0; i--) {
        stack.push(new Node<>(kids.get(i), node.depth() + 1));
      }
    }
  }
}
