package dev.appmetrics.dashboard.token;

import dev.appmetrics.common.auth.Caller;
import dev.appmetrics.common.auth.Scope;
import dev.appmetrics.common.auth.TokenHash;
import dev.appmetrics.common.error.ApiException;
import dev.appmetrics.dashboard.grant.GrantDistributor;
import dev.appmetrics.dashboard.paging.Page;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

/**
 * API tokens: each change is committed to PostgreSQL first and then published, so the topic never carries a token
 * the database does not know. A token whose publication fails is revoked again before the error is returned, so
 * nobody holds a secret that works in some services and not in others.
 */
@ApplicationScoped
public class TokenService {

  private final ApiTokenRepository tokens;
  private final GrantDistributor distributor;

  public TokenService(ApiTokenRepository tokens, GrantDistributor distributor) {
    this.tokens = tokens;
    this.distributor = distributor;
  }

  /** An unsaved token with a fresh secret; the caller persists it in its own transaction. */
  public static NewToken newToken(long organizationId, String name, Set<Scope> scopes) {
    String secret = Secrets.newToken();
    ApiToken token = new ApiToken();
    token.organizationId = organizationId;
    token.name = name;
    token.tokenHash = TokenHash.sha256(secret);
    token.tokenPrefix = Secrets.shownPrefix(secret);
    token.setScopes(scopes);
    token.createdAt = now();
    return new NewToken(token, secret);
  }

  /** A token not yet committed, with the secret that exists only in memory until the response is written. */
  public record NewToken(ApiToken token, String secret) {}

  public Uni<CreatedToken> create(Caller caller, TokenRequest request) {
    TokenRequest valid = request.validated();
    NewToken fresh = newToken(caller.organizationId(), valid.name(), valid.scopes());
    return Panache.withTransaction(() -> tokens.persist(fresh.token()))
        .flatMap(saved -> distributeCreated(fresh));
  }

  /** Publishes a committed new token; on failure revokes it in PostgreSQL and answers 503. */
  public Uni<CreatedToken> distributeCreated(NewToken fresh) {
    ApiToken saved = fresh.token();
    return distributor
        .publish(List.of(saved.grant()))
        .onFailure()
        .call(() -> revokeQuietly(saved.id))
        .map(published -> CreatedToken.of(saved, fresh.secret()));
  }

  public Uni<Page<TokenResponse>> list(Caller caller, int offset, int limit) {
    return Panache.withSession(
        () ->
            tokens
                .activePage(caller.organizationId(), offset, limit)
                .flatMap(
                    page ->
                        tokens
                            .countActive(caller.organizationId())
                            .map(
                                total ->
                                    new Page<>(
                                        page.stream().map(ApiToken::toResponse).toList(),
                                        total,
                                        offset,
                                        limit))));
  }

  public Uni<TokenResponse> get(Caller caller, long tokenId) {
    return Panache.withSession(() -> owned(caller, tokenId)).map(ApiToken::toResponse);
  }

  /** A new secret with the same name and scopes; the old one stops working in the same step. */
  public Uni<CreatedToken> rotate(Caller caller, long tokenId) {
    return Panache.withTransaction(
            () ->
                owned(caller, tokenId)
                    .flatMap(
                        old -> {
                          if (old.revokedAt != null) {
                            throw new ApiException(
                                409,
                                "conflict",
                                "A revoked token cannot be rotated; create a new one");
                          }
                          old.revokedAt = now();
                          NewToken fresh = newToken(old.organizationId, old.name, old.scopeSet());
                          return tokens
                              .persist(fresh.token())
                              .map(saved -> new Rotation(old, fresh));
                        }))
        .flatMap(
            rotation ->
                distributor
                    .publish(List.of(rotation.fresh().token().grant(), rotation.old().grant()))
                    .onFailure()
                    .call(() -> revokeQuietly(rotation.fresh().token().id))
                    .map(
                        published ->
                            CreatedToken.of(rotation.fresh().token(), rotation.fresh().secret())));
  }

  private record Rotation(ApiToken old, NewToken fresh) {}

  /** Revokes, and publishes the revocation again when repeated, so repeating heals a revocation Kafka missed. */
  public Uni<Void> revoke(Caller caller, long tokenId) {
    return Panache.withTransaction(
            () ->
                owned(caller, tokenId)
                    .map(
                        token -> {
                          if (token.revokedAt == null) {
                            token.revokedAt = now();
                          }
                          return token;
                        }))
        .flatMap(token -> distributor.publish(List.of(token.grant())));
  }

  private Uni<ApiToken> owned(Caller caller, long tokenId) {
    return tokens
        .findById(tokenId)
        .map(
            token -> {
              if (token == null) {
                throw ApiException.notFound("No token " + tokenId);
              }
              caller.requireOrganization(token.organizationId);
              return token;
            });
  }

  private Uni<Void> revokeQuietly(long tokenId) {
    return Panache.withTransaction(
            () -> tokens.update("revokedAt = ?1 where id = ?2", now(), tokenId))
        .replaceWithVoid()
        .onFailure()
        .recoverWithNull();
  }

  static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
