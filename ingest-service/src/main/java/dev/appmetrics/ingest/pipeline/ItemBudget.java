package dev.appmetrics.ingest.pipeline;

import java.util.function.IntFunction;

/**
 * The items of one request, counted while they are read: reading stops at the first item over the cap, with the
 * 413 {@code too_many_items}, instead of after millions of them were held. Created by {@link Ingestion#budget}.
 */
public final class ItemBudget {

  private final int max;
  private final IntFunction<RuntimeException> refusal;
  private int taken;

  ItemBudget(int max, IntFunction<RuntimeException> refusal) {
    this.max = max;
    this.refusal = refusal;
  }

  /** Counts one more item; throws the refusal when it is one too many. */
  public void take() {
    if (++taken > max) {
      throw refusal.apply(taken);
    }
  }
}
