package dev.appmetrics.query.sampling;

import dev.appmetrics.common.error.ApiException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The tables a metric query can read (docs/query.md, Downsampled tiers): every event, or a tier keeping the events
 * whose sampling hash is a multiple of its weight, each standing for {@code weight} events through its
 * client_sample_rate, so the weighted aggregates read a tier like the exact table.
 */
public enum Tier {
  EXACT(1),
  DOWNSAMPLE_8(8),
  DOWNSAMPLE_64(64),
  DOWNSAMPLE_512(512);

  /**
   * A tier's bucket resting on fewer stored events than this is flagged low confidence: a count extrapolated from n
   * stored events has a relative standard error of about 1/√n (docs/query.md), so below 100 its 95% bound, two
   * standard errors, is wider than ±20%.
   */
  public static final int CONFIDENT_EVENTS = 100;

  /** What a request's {@code sampling} may say: the tier chosen for it, or one forced. */
  public static final String AUTO = "auto";

  private final int weight;

  Tier(int weight) {
    this.weight = weight;
  }

  public int weight() {
    return weight;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The metric events table of this tier. */
  public String table() {
    return this == EXACT ? "metric_events" : "metric_events_" + wireName();
  }

  /** Whether a bucket of this tier resting on that many stored events is too few to trust its extrapolation. */
  public boolean lowConfidence(long storedEvents) {
    return this != EXACT && storedEvents < CONFIDENT_EVENTS;
  }

  /** The request's {@code sampling} field: empty for {@code "auto"} (or none), the tier it forces, or a 400. */
  public static Optional<Tier> forced(String sampling) {
    if (sampling == null || sampling.equals(AUTO)) {
      return Optional.empty();
    }
    return Stream.of(values())
        .filter(tier -> tier.wireName().equals(sampling))
        .findFirst()
        .or(
            () -> {
              throw ApiException.badRequest("sampling", "'sampling' must be one of " + allowed());
            });
  }

  static List<String> allowed() {
    return Stream.concat(Stream.of(AUTO), Stream.of(values()).map(Tier::wireName)).toList();
  }
}
