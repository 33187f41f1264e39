package dev.appmetrics.ingest.support;

import dev.appmetrics.ingest.config.IngestConfig;
import java.time.Duration;

/** Small limits, so each validation rule is reached with short inputs. */
public class SmallLimits implements IngestConfig.Limits {
  public int maxBodyBytes() {
    return 1 << 20;
  }

  public int maxItemsPerRequest() {
    return 100;
  }

  public int maxNameLength() {
    return 20;
  }

  public int maxUnitLength() {
    return 10;
  }

  public int maxAttributes() {
    return 3;
  }

  public int maxAttributeKeyLength() {
    return 8;
  }

  public int maxAttributeValueLength() {
    return 16;
  }

  public int maxMetricBytes() {
    return 60;
  }

  public int maxTextLength() {
    return 40;
  }

  public int maxStackFrames() {
    return 2;
  }

  public Duration maxAge() {
    return Duration.ofDays(30);
  }

  public Duration maxFuture() {
    return Duration.ofHours(1);
  }

  public int maxCumulativeSeries() {
    return 10;
  }
}
