package dev.appmetrics.monitor.issue;

import dev.appmetrics.common.auth.CurrentCaller;
import dev.appmetrics.monitor.api.DurationText;
import dev.appmetrics.monitor.api.PageOf;
import dev.appmetrics.monitor.api.Pages;
import dev.appmetrics.monitor.api.Problems;
import dev.appmetrics.monitor.notification.DeliveryView;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.time.Duration;
import java.util.List;

/** Issues of the caller's organization: list and filter, one with its status history, mute, snooze, resolve. */
@Path("/api/v1/issues")
public class IssueResource {

  private final IssueService issues;
  private final CurrentCaller caller;

  public IssueResource(IssueService issues, CurrentCaller caller) {
    this.issues = issues;
    this.caller = caller;
  }

  /** A snooze is a pause: a minute at least, a quarter at most (mute is for longer), an end PostgreSQL holds. */
  static final Duration MIN_SNOOZE = Duration.ofMinutes(1);

  static final Duration MAX_SNOOZE = Duration.ofDays(90);

  public record Snooze(String duration) {}

  @GET
  public Uni<PageOf<IssueView>> list(
      @QueryParam("status") String status,
      @QueryParam("monitor") Long monitorId,
      @QueryParam("page") @DefaultValue("0") int page,
      @QueryParam("size") @DefaultValue("50") int size) {
    return issues.list(
        caller.get(),
        status == null ? null : parseStatus(status),
        monitorId,
        Pages.page(page),
        Pages.size(size));
  }

  @GET
  @Path("/{id}")
  public Uni<IssueView> get(@PathParam("id") long id) {
    return issues.get(caller.get(), id);
  }

  @GET
  @Path("/{id}/deliveries")
  public Uni<List<DeliveryView>> deliveries(@PathParam("id") long id) {
    return issues.deliveries(caller.get(), id);
  }

  @POST
  @Path("/{id}/mute")
  public Uni<IssueView> mute(@PathParam("id") long id) {
    return issues.mute(caller.get(), id, true);
  }

  @POST
  @Path("/{id}/unmute")
  public Uni<IssueView> unmute(@PathParam("id") long id) {
    return issues.mute(caller.get(), id, false);
  }

  @POST
  @Path("/{id}/snooze")
  public Uni<IssueView> snooze(@PathParam("id") long id, Snooze snooze) {
    if (snooze == null) {
      throw Problems.of("duration", "duration is required, e.g. {\"duration\": \"1h\"}");
    }
    Duration duration =
        Problems.require(
            problems ->
                problems.check(
                    "duration",
                    () ->
                        DurationText.parseWithin(
                            "duration", snooze.duration(), MIN_SNOOZE, MAX_SNOOZE)));
    return issues.snooze(caller.get(), id, duration);
  }

  @POST
  @Path("/{id}/unsnooze")
  public Uni<IssueView> unsnooze(@PathParam("id") long id) {
    return issues.unsnooze(caller.get(), id);
  }

  @POST
  @Path("/{id}/resolve")
  public Uni<IssueView> resolve(@PathParam("id") long id) {
    return issues.resolve(caller.get(), id);
  }

  private static IssueStatus parseStatus(String status) {
    try {
      return IssueStatus.fromWireName(status);
    } catch (IllegalArgumentException e) {
      throw Problems.of("status", "status must be pending, firing or resolved");
    }
  }
}
