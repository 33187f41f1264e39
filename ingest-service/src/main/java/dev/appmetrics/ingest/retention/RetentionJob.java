package dev.appmetrics.ingest.retention;

import dev.appmetrics.ingest.config.IngestConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * The one place that deletes events: ingest-service, the schema's owner, drops expired partitions every
 * {@code appmetrics.ingest.retention.every} (1 h). Several pods doing it at once is harmless: a partition one of them
 * dropped is simply not there for the others.
 */
@ApplicationScoped
public class RetentionJob {

  private static final Logger LOG = Logger.getLogger(RetentionJob.class);

  private final ExpiredPartitions partitions;
  private final IngestConfig config;

  public RetentionJob(ExpiredPartitions partitions, IngestConfig config) {
    this.partitions = partitions;
    this.config = config;
  }

  @Scheduled(
      identity = "retention",
      every = "${appmetrics.ingest.retention.every}",
      delayed = "1m",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void dropExpired() {
    if (!config.retention().enabled()) {
      return;
    }
    try {
      partitions.drop(Instant.now());
    } catch (RuntimeException e) {
      // Nothing is lost by waiting for the next run, only disk.
      LOG.errorf(
          e,
          "Retention: dropping expired partitions failed; the next run, in %s, tries again",
          config.retention().every());
    }
  }
}
