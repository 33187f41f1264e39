package dev.appmetrics.monitor.concurrent;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs a piece of reactive work (one monitor's evaluation, one notification's delivery) on a Vert.x context of its
 * own. Its own context means its own Hibernate Reactive session, so concurrent pieces of work never share a session.
 */
public final class Detached {

  private Detached() {}

  /** Starts the work and returns at once; nobody waits for it. */
  public static <T> void run(Vertx vertx, Supplier<Uni<T>> work, Consumer<Throwable> onFailure) {
    call(vertx, work).subscribe().with(done -> {}, onFailure);
  }

  /** The work's outcome, the work itself running on a new context when subscribed. */
  public static <T> Uni<T> call(Vertx vertx, Supplier<Uni<T>> work) {
    return Uni.createFrom()
        .emitter(
            emitter -> {
              Context current = Vertx.currentContext();
              Context context =
                  VertxContext.createNewDuplicatedContext(
                      current != null
                          ? VertxContext.getRootContext(current)
                          : vertx.getOrCreateContext());
              VertxContextSafetyToggle.setContextSafe(context, true);
              context.runOnContext(
                  ignored -> work.get().subscribe().with(emitter::complete, emitter::fail));
            });
  }
}
