package dev.appmetrics.dashboard.explorer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appmetrics.common.error.ApiException;
import dev.appmetrics.common.error.ErrorResponse;
import dev.appmetrics.common.error.ErrorResponse.Detail;
import dev.appmetrics.dashboard.upstream.Upstream.Forwarded;
import dev.appmetrics.dashboard.upstream.Upstreams;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.mutiny.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Has query-service judge the queries of a saved query or a dashboard widget before they are stored. query-service
 * owns the query model, and its validate endpoint runs the planning that execution runs, so what is stored is what
 * runs. Each check goes with the caller's own credentials; a 400 comes back as problems placed under the stored
 * object's field ({@code spec.widgets[2].queries[0].aggregate}); when query-service cannot tell, nothing is stored.
 */
@ApplicationScoped
public class QueryRules {

  private static final Logger LOG = Logger.getLogger(QueryRules.class);
  private static final String VALIDATE = "/api/v1/query/validate";

  /** One request in the shape of query-service's timeseries request, and where it sits in the stored object. */
  public record Check(String field, ExplorerQuery request) {}

  private final Upstreams upstreams;
  private final ObjectMapper json;

  public QueryRules(Upstreams upstreams, ObjectMapper json) {
    this.upstreams = upstreams;
    this.json = json;
  }

  /** The problems query-service finds in the checks, in their order; none when every one would run. */
  public Uni<List<Detail>> problems(String authorization, List<Check> checks) {
    if (checks.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    return Multi.createFrom()
        .iterable(checks)
        .onItem()
        .transformToUniAndConcatenate(
            check ->
                upstreams
                    .queryService()
                    .forward(
                        HttpMethod.POST,
                        VALIDATE,
                        authorization,
                        Buffer.buffer(write(check.request())))
                    .onFailure()
                    .transform(QueryRules::cannotTell)
                    .map(answer -> problems(check.field(), answer)))
        .collect()
        .asList()
        .map(lists -> lists.stream().flatMap(List::stream).toList());
  }

  private List<Detail> problems(String field, Forwarded answer) {
    if (answer.status() == 200) {
      return List.of();
    }
    ErrorResponse error = read(answer);
    if (answer.status() == 400 && error != null) {
      List<Detail> found = new ArrayList<>();
      if (error.details() == null || error.details().isEmpty()) {
        found.add(new Detail(field, error.message()));
      } else {
        error
            .details()
            .forEach(d -> found.add(new Detail(field + "." + d.field(), withoutField(d))));
      }
      return found;
    }
    // A token query-service has not read yet (it follows projects.config a moment behind) is a 401
    // there: retry.
    if (answer.status() == 403) {
      throw new ApiException(
          answer.status(),
          error == null ? "forbidden" : error.code(),
          "query-service refused to check the query: "
              + (error == null ? "no reason given" : error.message()));
    }
    throw cannotTell(new IllegalStateException("validate answered " + answer.status()));
  }

  /** query-service's reasons start with the field they name ("'interval' must ..."), which the detail already says. */
  private static String withoutField(Detail detail) {
    for (String named : List.of("'" + detail.field() + "' ", detail.field() + " ")) {
      if (detail.reason().startsWith(named)) {
        return detail.reason().substring(named.length());
      }
    }
    return detail.reason();
  }

  private static ApiException cannotTell(Throwable failure) {
    LOG.warnf("query-service could not validate a stored query: %s", failure.toString());
    return new ApiException(
        503,
        "service_unavailable",
        "query-service could not check the query, so nothing was saved; try again in a moment");
  }

  private String write(ExplorerQuery request) {
    try {
      return json.writeValueAsString(request);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("An Explorer query always serializes", e);
    }
  }

  private ErrorResponse read(Forwarded answer) {
    try {
      return json.readValue(answer.body().getBytes(), ErrorResponse.class);
    } catch (IOException e) {
      return null;
    }
  }
}
