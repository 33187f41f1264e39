package dev.appmetrics.ingest.support;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The most heap that stayed reachable while something ran in this JVM (a @QuarkusTest's JVM is the service's): a
 * thread forces a full collection every {@link #PAUSE_MS} ms and reads the used heap right after it, so garbage does
 * not count but whatever a request still holds does. Reading only before and after would miss what a request held
 * while it ran and let go of with its answer; the pause lets the requests run between the stop-the-world collections.
 */
public final class HeapWatch implements AutoCloseable {

  private static final long PAUSE_MS = 50;

  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final long baseline;
  private final AtomicLong peak = new AtomicLong();
  private final Thread sampler;
  private volatile boolean running = true;

  private HeapWatch() {
    liveHeap();
    baseline = liveHeap();
    peak.set(baseline);
    sampler =
        new Thread(
            () -> {
              while (running) {
                peak.accumulateAndGet(liveHeap(), Math::max);
                try {
                  Thread.sleep(PAUSE_MS);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "heap-watch");
    sampler.setDaemon(true);
    sampler.start();
  }

  public static HeapWatch start() {
    return new HeapWatch();
  }

  private long liveHeap() {
    System.gc();
    return memory.getHeapMemoryUsage().getUsed();
  }

  public long baselineBytes() {
    return baseline;
  }

  /** How far the live heap rose above the baseline at its fullest so far. */
  public long peakGrowthBytes() {
    return peak.get() - baseline;
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    sampler.join();
  }
}
