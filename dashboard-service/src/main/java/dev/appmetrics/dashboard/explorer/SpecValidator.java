package dev.appmetrics.dashboard.explorer;

import dev.appmetrics.common.auth.CredentialStore;
import dev.appmetrics.common.auth.Grants.ProjectGrant;
import dev.appmetrics.common.error.ApiException;
import dev.appmetrics.common.error.ErrorResponse.Detail;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the structure of saved specs before they are stored, so a saved query or a widget can always be sent to
 * query-service. Whether an aggregate suits a metric's kind is query-service's call at query time: a metric's kind
 * is only known from its data.
 */
@ApplicationScoped
public class SpecValidator {

  public static final int MAX_QUERIES = 26;
  private static final Pattern DURATION = Pattern.compile("[1-9][0-9]{0,5}[smhd]");
  private static final Pattern QUERY_LABEL = Pattern.compile("[A-Z]");
  private static final Pattern EQUATION_LABEL = Pattern.compile("[a-z][a-z0-9_]{0,31}");
  private static final Pattern AGGREGATE = Pattern.compile("[a-z][a-z0-9_]{0,31}");
  private static final Pattern REFERENCE = Pattern.compile("\\b[A-Z]\\b");
  private static final Set<String> ORDERS = Set.of("asc", "desc");

  private final CredentialStore credentials;

  public SpecValidator(CredentialStore credentials) {
    this.credentials = credentials;
  }

  /** A name of a saved query or dashboard: 1..200 characters that are not all blank. */
  public void requireName(String name, List<Detail> errors) {
    if (name == null || name.isBlank()) {
      errors.add(new Detail("name", "is required"));
    } else if (name.length() > 200) {
      errors.add(new Detail("name", "is longer than 200 characters"));
    }
  }

  public void validateExplorerQuery(ExplorerQuery spec, long organizationId, String field, List<Detail> errors) {
    if (spec == null) {
      errors.add(new Detail(field, "is required"));
      return;
    }
    validateProjects(spec.projects(), organizationId, field + ".projects", errors);
    validateTimeRange(spec.period(), spec.start(), spec.end(), field, errors);
    validateInterval(spec.interval(), field + ".interval", errors);
    validateQueries(spec.queries(), spec.equations(), field, errors);
    if (spec.compare() != null && !"previous_period".equals(spec.compare())) {
      errors.add(new Detail(field + ".compare", "must be 'previous_period' or absent"));
    }
  }

  public void validateProjects(List<Long> projects, long organizationId, String field, List<Detail> errors) {
    if (projects == null || projects.isEmpty()) {
      errors.add(new Detail(field, "needs at least one project id"));
      return;
    }
    for (int i = 0; i < projects.size(); i++) {
      Long id = projects.get(i);
      boolean ours = id != null && credentials.project(id).map(ProjectGrant::organizationId)
          .filter(org -> org == organizationId).isPresent();
      if (!ours) {
        errors.add(new Detail(field + "[" + i + "]", "is not a project of your organization"));
      }
    }
  }

  /** Either a relative period (15m, 24h, 7d) or an absolute start before end; none means the default period. */
  public void validateTimeRange(String period, String start, String end, String field, List<Detail> errors) {
    if (period != null && (start != null || end != null)) {
      errors.add(new Detail(field + ".period", "cannot be combined with start/end"));
    }
    if (period != null && !DURATION.matcher(period).matches()) {
      errors.add(new Detail(field + ".period", "must be a number with unit s, m, h or d, for example 24h"));
    }
    if ((start == null) != (end == null)) {
      errors.add(new Detail(field + (start == null ? ".start" : ".end"), "start and end come together"));
    } else if (start != null) {
      Instant from = instant(start, field + ".start", errors);
      Instant to = instant(end, field + ".end", errors);
      if (from != null && to != null && !from.isBefore(to)) {
        errors.add(new Detail(field + ".end", "must be after start"));
      }
    }
  }

  public void validateInterval(String interval, String field, List<Detail> errors) {
    if (interval != null && !DURATION.matcher(interval).matches()) {
      errors.add(new Detail(field, "must be a number with unit s, m, h or d, for example 1m"));
    }
  }

  public void validateQueries(List<MetricQuery> queries, List<Equation> equations, String field, List<Detail> errors) {
    if (queries == null || queries.isEmpty() || queries.size() > MAX_QUERIES) {
      errors.add(new Detail(field + ".queries", "needs 1 to " + MAX_QUERIES + " queries"));
      return;
    }
    Set<String> labels = new HashSet<>();
    for (int i = 0; i < queries.size(); i++) {
      MetricQuery query = queries.get(i);
      String at = field + ".queries[" + i + "]";
      if (query == null) {
        errors.add(new Detail(at, "is null"));
        continue;
      }
      if (query.label() == null || !QUERY_LABEL.matcher(query.label()).matches()) {
        errors.add(new Detail(at + ".label", "must be one capital letter A..Z"));
      } else if (!labels.add(query.label())) {
        errors.add(new Detail(at + ".label", "repeats label " + query.label()));
      }
      if (query.metric() == null || query.metric().isBlank()) {
        errors.add(new Detail(at + ".metric", "is required"));
      }
      if (query.aggregate() == null || !AGGREGATE.matcher(query.aggregate()).matches()) {
        errors.add(new Detail(at + ".aggregate", "is required, for example count, sum, avg or p95"));
      }
      if (query.limit() != null && (query.limit() < 1 || query.limit() > 1000)) {
        errors.add(new Detail(at + ".limit", "must be between 1 and 1000"));
      }
      if (query.order() != null && !ORDERS.contains(query.order())) {
        errors.add(new Detail(at + ".order", "must be asc or desc"));
      }
      if (query.groupBy() != null && query.groupBy().stream().anyMatch(key -> key == null || key.isBlank())) {
        errors.add(new Detail(at + ".groupBy", "has an empty attribute key"));
      }
    }
    validateEquations(equations, labels, field + ".equations", errors);
  }

  private void validateEquations(List<Equation> equations, Set<String> queryLabels, String field, List<Detail> errors) {
    if (equations == null) {
      return;
    }
    Set<String> labels = new HashSet<>();
    for (int i = 0; i < equations.size(); i++) {
      Equation equation = equations.get(i);
      String at = field + "[" + i + "]";
      if (equation == null) {
        errors.add(new Detail(at, "is null"));
        continue;
      }
      if (equation.label() == null || !EQUATION_LABEL.matcher(equation.label()).matches()) {
        errors.add(new Detail(at + ".label", "must be a lowercase identifier such as f1"));
      } else if (!labels.add(equation.label())) {
        errors.add(new Detail(at + ".label", "repeats label " + equation.label()));
      }
      if (equation.expression() == null || equation.expression().isBlank()) {
        errors.add(new Detail(at + ".expression", "is required"));
        continue;
      }
      Matcher reference = REFERENCE.matcher(equation.expression());
      while (reference.find()) {
        if (!queryLabels.contains(reference.group())) {
          errors.add(new Detail(at + ".expression", "refers to unknown query " + reference.group()));
        }
      }
    }
  }

  /** 400 with every problem found, so a client can fix them all at once. */
  public static void throwIfAny(List<Detail> errors) {
    if (!errors.isEmpty()) {
      throw new ApiException(400, "invalid_spec",
          "Invalid request: " + errors.get(0).field() + " " + errors.get(0).reason()
              + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : ""), errors);
    }
  }

  private static Instant instant(String text, String field, List<Detail> errors) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      errors.add(new Detail(field, "must be an ISO-8601 instant such as 2026-11-25T10:00:00Z"));
      return null;
    }
  }
}
