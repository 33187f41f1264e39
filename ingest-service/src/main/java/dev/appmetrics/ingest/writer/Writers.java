package dev.appmetrics.ingest.writer;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appmetrics.common.auth.CredentialStore;
import dev.appmetrics.common.clickhouse.ClickHouseClient;
import dev.appmetrics.common.clickhouse.ClickHouseConfig;
import dev.appmetrics.ingest.config.IngestConfig;
import dev.appmetrics.ingest.trace.TraceTable;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs two writers, each with its own consumer group and thread: one drains metrics into metric_events, the other
 * spans, logs and errors into their tables. A flood or a refused table on one side never holds up the other, and
 * an idle side costs the busy one nothing. Each writer is a {@link BatchConsumer} (poll, batch, rebalance) whose
 * {@link BatchFlusher} (store, then commit) works over a {@link StoredRowFilter} (exactly once) and a {@link
 * TableInserter} (insert, bisect, dead-letter).
 */
@ApplicationScoped
public class Writers {

  private static final Logger LOG = Logger.getLogger(Writers.class);

  private final IngestConfig config;
  private final List<BatchConsumer> writers;

  public Writers(
      ClickHouseClient clickHouse,
      ClickHouseConfig clickHouseConfig,
      ObjectMapper json,
      IngestConfig config,
      MeterRegistry registry,
      CredentialStore projects,
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
    this.config = config;
    Map<String, Destination> traces = new HashMap<>();
    for (TraceTable table : TraceTable.values()) {
      String prefix = config.topic().tracesPrefix();
      traces.put(
          table.topic(prefix),
          new Destination(
              table.table(),
              table.timeColumn(),
              table.deadLetterTopic(prefix),
              table.downsampled(),
              List.of()));
    }
    Factory factory =
        new Factory(
            new WriterClickHouse(clickHouse),
            clickHouseConfig.cluster(),
            json,
            config.writer(),
            registry,
            bootstrapServers,
            new RetentionClasses(projects));
    String group = config.writer().consumerGroup();
    this.writers =
        List.of(
            factory.writer(
                "clickhouse-writer",
                group,
                Map.of(config.topic().name(), Destination.METRIC_EVENTS)),
            factory.writer("clickhouse-writer-traces", group + "-traces", traces));
  }

  /** Runs after the topics and tables exist (EventPublisher and the migrations run at the default priority). */
  void start(@Observes @Priority(3000) StartupEvent event) {
    if (!config.writer().enabled()) {
      LOG.info(
          "ClickHouse writers disabled (appmetrics.ingest.writer.enabled=false); another deployment drains the topics");
      return;
    }
    writers.forEach(BatchConsumer::start);
  }

  void stop(@Observes ShutdownEvent event) throws InterruptedException {
    for (BatchConsumer writer : writers) {
      writer.stop();
    }
  }

  private record Factory(
      WriterClickHouse clickHouse,
      Optional<String> cluster,
      ObjectMapper json,
      IngestConfig.Writer config,
      MeterRegistry registry,
      String bootstrapServers,
      RetentionClasses retention) {

    BatchConsumer writer(String name, String consumerGroup, Map<String, Destination> destinations) {
      DeadLetters deadLetters = new DeadLetters(bootstrapServers, rows("dead_lettered"));
      return new BatchConsumer(
          name,
          consumerGroup,
          destinations,
          config,
          bootstrapServers,
          new StoredRowFilter(
              clickHouse,
              new StoredRowsSource(clickHouse, cluster),
              json,
              rows("duplicate_skipped")),
          new TableInserter(clickHouse, deadLetters, rows("inserted"), retention),
          deadLetters);
    }

    private Counter rows(String outcome) {
      return registry.counter("appmetrics.writer.rows", "outcome", outcome);
    }
  }
}
