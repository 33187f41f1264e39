package dev.appmetrics.ingest.writer;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appmetrics.common.clickhouse.ClickHouseClient;
import dev.appmetrics.ingest.config.IngestConfig;
import dev.appmetrics.ingest.trace.TraceTable;
import dev.appmetrics.ingest.writer.ClickHouseWriter.Destination;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs two writers, each with its own consumer group and thread: one drains metrics into metric_events, the other
 * spans, logs and errors into their tables. A flood or a refused table on one side never holds up the other, and
 * an idle side costs the busy one nothing.
 */
@ApplicationScoped
public class Writers {

  private static final Logger LOG = Logger.getLogger(Writers.class);

  private final IngestConfig config;
  private final List<ClickHouseWriter> writers;

  public Writers(ClickHouseClient clickHouse, ObjectMapper json, IngestConfig config, MeterRegistry registry,
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
    this.config = config;
    IngestConfig.Writer writer = config.writer();
    Map<String, Destination> traces = new HashMap<>();
    for (TraceTable table : TraceTable.values()) {
      traces.put(table.topic(config.topic().tracesPrefix()), new Destination(table.table(), table.timeColumn()));
    }
    this.writers = List.of(
        new ClickHouseWriter("clickhouse-writer", writer.consumerGroup(),
            Map.of(config.topic().name(), new Destination(ClickHouseWriter.METRIC_EVENTS, "timestamp_ms")),
            clickHouse, json, writer, registry, bootstrapServers),
        new ClickHouseWriter("clickhouse-writer-traces", writer.consumerGroup() + "-traces", traces,
            clickHouse, json, writer, registry, bootstrapServers));
  }

  /** Runs after the topics and tables exist (EventPublisher and the migrations run at the default priority). */
  void start(@Observes @Priority(3000) StartupEvent event) {
    if (!config.writer().enabled()) {
      LOG.info("ClickHouse writers disabled (appmetrics.ingest.writer.enabled=false); another deployment drains the topics");
      return;
    }
    writers.forEach(ClickHouseWriter::start);
  }

  void stop(@Observes ShutdownEvent event) throws InterruptedException {
    for (ClickHouseWriter writer : writers) {
      writer.stop();
    }
  }
}
