package dev.appmetrics.common.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;

/**
 * Package cycles among a module's own compiled classes, read with the JDK's jdeps: packages that depend on each other
 * cannot be understood, tested or moved one at a time (issue 15), so each service's tests keep its packages layered.
 */
public final class PackageCycles {

  /** A jdeps -verbose:class line: "   a.b.C   -> x.y.D   classes". */
  private static final Pattern DEPENDENCY = Pattern.compile("^\\s+(\\S+)\\s+->\\s+(\\S+)");

  private PackageCycles() {}

  /** Fails naming each cycle among the packages under {@code root} of the classes beside {@code anyClass}. */
  public static void assertNone(Class<?> anyClass, String root) {
    List<String> cycles = of(anyClass, root);
    if (!cycles.isEmpty()) {
      fail(
          "Package cycles under "
              + root
              + ", each with the class dependencies that close it:\n"
              + String.join("\n", cycles));
    }
  }

  /** Each cycle: its packages, then every dependency between two of them. */
  public static List<String> of(Class<?> anyClass, String root) {
    Map<String, Map<String, Set<String>>> edges = packageEdges(classesOf(anyClass), root);
    List<String> cycles = new ArrayList<>();
    for (Set<String> component : new Components(edges).strong()) {
      StringBuilder text = new StringBuilder("  " + component + ":");
      for (String from : component) {
        edges
            .getOrDefault(from, Map.of())
            .forEach(
                (to, why) -> {
                  if (component.contains(to)) {
                    text.append("\n    ")
                        .append(from)
                        .append(" -> ")
                        .append(to)
                        .append(": ")
                        .append(why);
                  }
                });
      }
      cycles.add(text.toString());
    }
    return cycles;
  }

  private static Path classesOf(Class<?> anyClass) {
    try {
      return Path.of(anyClass.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** From package to package, the class dependencies that make the edge ("Evaluator -> Monitor"). */
  private static Map<String, Map<String, Set<String>>> packageEdges(Path classes, String root) {
    ToolProvider jdeps =
        ToolProvider.findFirst("jdeps").orElseThrow(() -> new IllegalStateException("no jdeps"));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status =
        jdeps.run(
            new PrintWriter(out),
            new PrintWriter(err),
            "-verbose:class",
            "-e",
            Pattern.quote(root) + "\\..*",
            classes.toString());
    if (status != 0) {
      throw new IllegalStateException("jdeps failed (" + status + "): " + err);
    }
    Map<String, Map<String, Set<String>>> edges = new TreeMap<>();
    for (String line : out.toString().split("\n")) {
      Matcher m = DEPENDENCY.matcher(line);
      if (m.find() && m.group(1).startsWith(root + ".") && m.group(2).startsWith(root + ".")) {
        String from = packageOf(m.group(1));
        String to = packageOf(m.group(2));
        if (!from.equals(to)) {
          edges
              .computeIfAbsent(from, k -> new TreeMap<>())
              .computeIfAbsent(to, k -> new TreeSet<>())
              .add(simpleName(m.group(1)) + " -> " + simpleName(m.group(2)));
        }
      }
    }
    return edges;
  }

  private static String packageOf(String className) {
    return className.substring(0, className.lastIndexOf('.'));
  }

  private static String simpleName(String className) {
    return className.substring(className.lastIndexOf('.') + 1);
  }

  /** Tarjan's strongly connected components; those of more than one package are the cycles. */
  private static final class Components {

    private final Map<String, Map<String, Set<String>>> edges;
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, Integer> low = new HashMap<>();
    private final Deque<String> stack = new ArrayDeque<>();
    private final List<Set<String>> found = new ArrayList<>();

    Components(Map<String, Map<String, Set<String>>> edges) {
      this.edges = edges;
    }

    List<Set<String>> strong() {
      edges
          .keySet()
          .forEach(
              node -> {
                if (!index.containsKey(node)) {
                  visit(node);
                }
              });
      return found;
    }

    private void visit(String node) {
      index.put(node, index.size());
      low.put(node, index.get(node));
      stack.push(node);
      for (String next : edges.getOrDefault(node, Map.of()).keySet()) {
        if (!index.containsKey(next)) {
          visit(next);
          low.put(node, Math.min(low.get(node), low.get(next)));
        } else if (stack.contains(next)) {
          low.put(node, Math.min(low.get(node), index.get(next)));
        }
      }
      if (low.get(node).equals(index.get(node))) {
        Set<String> component = new TreeSet<>();
        String member;
        do {
          member = stack.pop();
          component.add(member);
        } while (!member.equals(node));
        if (component.size() > 1) {
          found.add(component);
        }
      }
    }
  }
}
