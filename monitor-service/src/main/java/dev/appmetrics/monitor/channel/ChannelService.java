package dev.appmetrics.monitor.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appmetrics.common.auth.Caller;
import dev.appmetrics.common.error.ApiException;
import dev.appmetrics.common.error.ErrorResponse;
import dev.appmetrics.monitor.api.PageOf;
import dev.appmetrics.monitor.api.Problems;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Notification channels of an organization: CRUD with target validation (test sends and delivery log: notification). */
@ApplicationScoped
public class ChannelService {

  /** Monitors (not deleted) whose spec lists the channel; a JSON array contains a number it holds. */
  private static final String MONITORS_USING =
      """
      SELECT id, name FROM monitors
      WHERE deleted_at IS NULL AND (spec::jsonb -> 'channels') @> to_jsonb($1::bigint)
      ORDER BY id
      """;

  private final ObjectMapper json;
  private final TargetValidator targets;
  private final Pool pool;

  public ChannelService(ObjectMapper json, TargetValidator targets, Pool pool) {
    this.json = json;
    this.targets = targets;
    this.pool = pool;
  }

  @WithSession
  public Uni<PageOf<ChannelView>> list(Caller caller, int page, int size) {
    var query =
        Channel.<Channel>find("organizationId", Sort.ascending("id"), caller.organizationId())
            .page(Page.of(page, size));
    return PageOf.of(query, this::view);
  }

  public Uni<ChannelView> create(Caller caller, ChannelSpec spec) {
    ChannelSpec checked = spec.validated();
    return targets
        .check(checked.config().url())
        .flatMap(target -> Panache.withTransaction(() -> persist(caller, checked)));
  }

  private Uni<ChannelView> persist(Caller caller, ChannelSpec checked) {
    Channel channel = new Channel();
    channel.organizationId = caller.organizationId();
    channel.createdAt = Instant.now();
    apply(channel, checked);
    return channel.persist().map(ignored -> view(channel));
  }

  @WithSession
  public Uni<ChannelView> get(Caller caller, long id) {
    return owned(caller, id).map(this::view);
  }

  /** Secrets sent back masked keep their stored values, so the target checked is the one that will be stored. */
  public Uni<ChannelView> update(Caller caller, long id, ChannelSpec spec) {
    return Panache.withSession(() -> owned(caller, id))
        .map(
            stored ->
                spec.keepingSecretsOf(ChannelType.fromWireName(stored.type), config(stored))
                    .validated())
        .flatMap(
            checked ->
                targets
                    .check(checked.config().url())
                    .flatMap(
                        target -> Panache.withTransaction(() -> replace(caller, id, checked))));
  }

  private Uni<ChannelView> replace(Caller caller, long id, ChannelSpec checked) {
    return owned(caller, id)
        .map(
            channel -> {
              apply(channel, checked);
              return view(channel);
            });
  }

  /** A channel that monitors still notify is kept: 409 naming them, so nobody loses alerts unknowingly. */
  @WithTransaction
  public Uni<Void> delete(Caller caller, long id) {
    return owned(caller, id)
        .call(
            channel ->
                pool.preparedQuery(MONITORS_USING)
                    .execute(Tuple.of(channel.id))
                    .invoke(
                        rows -> {
                          List<ErrorResponse.Detail> users = new ArrayList<>();
                          rows.forEach(
                              row ->
                                  users.add(
                                      new ErrorResponse.Detail(
                                          "monitors",
                                          "monitor "
                                              + row.getLong("id")
                                              + " '"
                                              + row.getString("name")
                                              + "' notifies this channel")));
                          if (!users.isEmpty()) {
                            throw new ApiException(
                                409,
                                "conflict",
                                "Channel "
                                    + id
                                    + " is used by "
                                    + users.size()
                                    + " monitor(s); remove it from them first",
                                users);
                          }
                        }))
        .flatMap(Channel::delete);
  }

  /** 400 unless every id is a channel of the caller's organization (used when saving a monitor). */
  public Uni<Void> requireOwned(Caller caller, Collection<Long> ids) {
    if (ids.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return Channel.count(
            "organizationId = ?1 and id in ?2", caller.organizationId(), List.copyOf(ids))
        .map(
            count -> {
              if (count != ids.stream().distinct().count()) {
                throw Problems.of(
                    "channels",
                    "channels names a channel that does not exist in this organization");
              }
              return null;
            });
  }

  /** The channel, or 404; 403 when it belongs to another organization. Runs inside the caller's session. */
  public Uni<Channel> owned(Caller caller, long id) {
    return Channel.<Channel>findById(id)
        .map(
            channel -> {
              if (channel == null) {
                throw ApiException.notFound("No channel " + id);
              }
              caller.requireOrganization(channel.organizationId);
              return channel;
            });
  }

  private void apply(Channel channel, ChannelSpec spec) {
    channel.name = spec.name();
    channel.type = spec.type().wireName();
    try {
      channel.config = json.writeValueAsString(spec.config());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot serialize a channel config", e);
    }
    channel.updatedAt = Instant.now();
  }

  /** Every read goes through here, so no read shows a secret unmasked. */
  private ChannelView view(Channel channel) {
    ChannelType type = ChannelType.fromWireName(channel.type);
    return new ChannelView(
        channel.id,
        channel.name,
        type,
        config(channel).masked(type),
        channel.createdAt,
        channel.updatedAt);
  }

  private ChannelConfig config(Channel channel) {
    try {
      return json.readValue(channel.config, ChannelConfig.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Channel " + channel.id + " has an unreadable config", e);
    }
  }
}
