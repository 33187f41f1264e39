package dev.appmetrics.query.support;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A deterministic dataset (fixed seed) over two hours from {@link #START}, in 10-minute buckets, with bucket 3 left
 * empty, events exactly on bucket boundaries and just outside the range, three sample rates, and attributes of all
 * four types (some events lack some attributes). The previous two hours hold counter events for compare tests.
 */
public final class GoldenDataset {

  /** 2026-01-05T00:00:00Z, a multiple of every interval the tests use. */
  public static final long START = 1_767_571_200L;

  public static final long END = START + 7200;
  public static final long INTERVAL = 600;
  public static final int BUCKETS = 12;
  public static final int EMPTY_BUCKET = 3;
  static final String[] REGIONS = {"eu", "us", "ap", "sa"};
  static final String[] ROUTES = {"/a", "/b", "/checkout"};
  static final double[] RATES = {1.0, 0.5, 0.25};

  public final String counter;
  public final String gauge;
  public final String distribution;
  public final List<TestEvent> events = new ArrayList<>();

  public GoldenDataset(long projectId, String suffix) {
    counter = "golden.counter." + suffix;
    gauge = "golden.gauge." + suffix;
    distribution = "golden.latency." + suffix;
    Random random = new Random(20_260_105L);
    add(random, projectId, counter, "counter", "none", 260, START, 1);
    add(random, projectId, gauge, "gauge", "byte", 260, START, 4);
    add(random, projectId, distribution, "distribution", "millisecond", 400, START, 1);
    add(random, projectId, counter, "counter", "none", 120, START - 7200, 1);
    for (String metric : List.of(counter, gauge, distribution)) {
      String kind =
          metric.equals(counter) ? "counter" : metric.equals(gauge) ? "gauge" : "distribution";
      String unit = metric.equals(counter) ? "none" : metric.equals(gauge) ? "byte" : "millisecond";
      // On the boundaries: the last millisecond of bucket 0, the first of bucket 1, the range's end
      // (excluded)
      // and the millisecond before its start (excluded, or in the previous period).
      for (long millis :
          new long[] {
            (START + 600) * 1000 - 1, (START + 600) * 1000, END * 1000, START * 1000 - 1
          }) {
        events.add(event(random, projectId, metric, kind, unit, millis, 1));
      }
    }
  }

  private void add(
      Random random,
      long projectId,
      String metric,
      String kind,
      String unit,
      int count,
      long from,
      int valueScale) {
    for (int i = 0; i < count; i++) {
      long millis;
      do {
        millis = from * 1000 + (long) (random.nextDouble() * 7_200_000);
      } while (from == START && Math.floorDiv(millis / 1000 - START, INTERVAL) == EMPTY_BUCKET);
      events.add(event(random, projectId, metric, kind, unit, millis, valueScale));
    }
  }

  private static TestEvent event(
      Random random,
      long projectId,
      String metric,
      String kind,
      String unit,
      long millis,
      int valueScale) {
    Map<String, String> strings = new LinkedHashMap<>();
    Map<String, Long> integers = new HashMap<>();
    Map<String, Double> doubles = new HashMap<>();
    Map<String, Boolean> booleans = new HashMap<>();
    if (random.nextInt(10) > 0) {
      strings.put("region", REGIONS[random.nextInt(REGIONS.length)]);
    }
    strings.put("route", ROUTES[random.nextInt(ROUTES.length)]);
    integers.put("retries", (long) random.nextInt(4));
    doubles.put("ratio", random.nextInt(100) / 100.0);
    if (random.nextBoolean()) {
      booleans.put("cached", random.nextBoolean());
    }
    double value = (1 + random.nextInt(500)) / (double) valueScale;
    byte[] trace = new byte[16];
    random.nextBytes(trace);
    return new TestEvent(
        projectId,
        metric,
        kind,
        unit,
        millis,
        value,
        RATES[random.nextInt(RATES.length)],
        HexFormat.of().formatHex(trace),
        HexFormat.of().formatHex(trace, 0, 8),
        strings,
        integers,
        doubles,
        booleans);
  }
}
