package dev.appmetrics.query.sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appmetrics.common.auth.Caller;
import dev.appmetrics.common.clickhouse.ClickHouseClient;
import dev.appmetrics.query.config.QueryConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Runs read-only SQL in the QUERY settings profile and returns the rows of its JSONCompact answer. readonly=2
 * forbids writes while still letting this profile's own limits travel as settings; results beyond the row limit
 * fail rather than truncate, so an answer is never silently partial, and a statement beyond the memory limit fails
 * rather than take the server's memory from everyone else. Every statement belongs to a request and counts against
 * its organization's limit of statements running at once ({@link Statements}).
 */
@ApplicationScoped
public class ClickHouseReader {

  static final int MAX_QUERY_BYTES = 1 << 20;

  private final ClickHouseClient clickHouse;
  private final ObjectMapper json;
  private final Map<String, String> profile;
  private final int limit;

  /** Statements running per organization; an organization with none has no entry. */
  private final Map<Long, Integer> running = new ConcurrentHashMap<>();

  public ClickHouseReader(ClickHouseClient clickHouse, ObjectMapper json, QueryConfig config) {
    if (config.maxConcurrentStatements() < 1) {
      throw new IllegalStateException(
          "appmetrics.query.max-concurrent-statements must be at least 1");
    }
    this.clickHouse = clickHouse;
    this.json = json;
    this.limit = config.maxConcurrentStatements();
    this.profile =
        Map.of(
            "readonly", "2",
            "max_execution_time", Long.toString(config.maxExecutionTime().toSeconds()),
            "max_result_rows", Long.toString(config.maxResultRows()),
            "result_overflow_mode", "throw",
            "max_memory_usage", Long.toString(config.maxMemoryUsage().asLongValue()),
            // Filters within FilterLimits keep a statement's syntax tree under ClickHouse's 50,000
            // elements, but their
            // text (keys and values of up to 4,096 characters, copied into each place a filter is
            // used) may pass the
            // default 256 KiB.
            "max_query_size", Integer.toString(MAX_QUERY_BYTES));
  }

  /**
   * Runs the work of one request of the caller's organization, which reads through the {@link Statements} it is
   * given; their permits go back when the work ends, however it ends.
   */
  public <T> Uni<T> read(Caller caller, Function<Statements, Uni<T>> work) {
    return Uni.createFrom()
        .deferred(
            () -> {
              Statements statements = new Statements(this, caller.organizationId());
              return Uni.createFrom()
                  .deferred(() -> work.apply(statements))
                  .onTermination()
                  .invoke(statements::close);
            });
  }

  /** A request of one statement: its decoded rows, as {@link Statements#run} reads them. */
  public <T> Uni<List<T>> run(Caller caller, Statement<T> statement, String sender) {
    return read(caller, statements -> statements.run(statement, sender));
  }

  Uni<List<Row>> query(String sql, String sender) {
    return clickHouse.query(sql, sender, profile).map(this::parse);
  }

  int limit() {
    return limit;
  }

  boolean tryAcquire(long organization) {
    boolean[] acquired = {false};
    running.compute(
        organization,
        (key, count) -> {
          int now = count == null ? 0 : count;
          acquired[0] = now < limit;
          return acquired[0] ? now + 1 : count;
        });
    return acquired[0];
  }

  void release(long organization) {
    running.computeIfPresent(organization, (key, count) -> count > 1 ? count - 1 : null);
  }

  /** JSONCompact: {@code meta} names the columns in order, {@code data} holds the rows as arrays. */
  private List<Row> parse(String body) {
    try {
      JsonNode answer = json.readTree(body);
      Map<String, Integer> columns = new HashMap<>();
      JsonNode meta = answer.path("meta");
      for (int i = 0; i < meta.size(); i++) {
        columns.put(meta.get(i).path("name").asText(), i);
      }
      JsonNode data = answer.path("data");
      List<Row> rows = new ArrayList<>(data.size());
      data.forEach(values -> rows.add(new Row(columns, values)));
      return rows;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("ClickHouse answered with unreadable JSON", e);
    }
  }
}
