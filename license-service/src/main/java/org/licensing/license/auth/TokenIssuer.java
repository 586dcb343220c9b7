package org.licensing.license.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.licensing.common.auth.TokenClaims;
import org.licensing.common.tokens.TokenKeys;
import org.licensing.common.tokens.TokenKind;
import org.licensing.license.accounts.Account;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.mutiny.Uni;

/**
 * Issues the people's tokens: a short access token (role in {@code groups}) and a longer refresh
 * token without any role, whose {@code jti} is kept in Redis ({@code auth:refresh:{jti}}) until it
 * is used once: refreshing consumes it (GETDEL), so a refresh token cannot be replayed. Each kind is
 * signed with its own key and carries its own audience ({@link TokenKind}).
 */
@ApplicationScoped
public class TokenIssuer {

    private final ReactiveRedisDataSource redis;
    private final TokenKeys keys;
    private final Duration accessTtl;
    private final Duration refreshTtl;

    public TokenIssuer(ReactiveRedisDataSource redis, TokenKeys keys, AuthConfig config) {
        this.redis = redis;
        this.keys = keys;
        this.accessTtl = config.accessTokenTtl();
        this.refreshTtl = config.refreshTokenTtl();
    }

    public static String refreshKey(String jti) {
        return "auth:refresh:" + jti;
    }

    public record Tokens(String accessToken, String refreshToken, String tokenType, long expiresIn, long refreshExpiresIn) {}

    public Uni<Tokens> issue(Account account) {
        Instant now = Instant.now();
        String access = keys.signer(TokenKind.ACCESS).sign(Jwt
                .subject(Long.toString(account.id()))
                .groups(Set.of(account.role()))
                .claim(TokenClaims.TYPE, TokenClaims.TYPE_ACCESS)
                .claim(TokenClaims.USERNAME, account.username())
                .claim(TokenClaims.PASSWORD_CHANGE_REQUIRED, account.mustChangePassword())
                .claim(TokenClaims.TWO_FACTOR, account.twoFactorEnabled())
                .claim("jti", UUID.randomUUID().toString())
                .issuedAt(now)
                .expiresAt(now.plus(accessTtl)));
        String refreshJti = UUID.randomUUID().toString();
        String refresh = keys.signer(TokenKind.REFRESH).sign(Jwt
                .subject(Long.toString(account.id()))
                .claim(TokenClaims.TYPE, TokenClaims.TYPE_REFRESH)
                .claim("jti", refreshJti)
                .issuedAt(now)
                .expiresAt(now.plus(refreshTtl)));
        return redis.value(String.class).setex(refreshKey(refreshJti), refreshTtl.toSeconds(), Long.toString(account.id()))
                .replaceWith(new Tokens(access, refresh, "Bearer", accessTtl.toSeconds(), refreshTtl.toSeconds()));
    }

    /** Consumes a refresh token's jti: true exactly once per issued refresh token. */
    public Uni<Boolean> consumeRefresh(String jti, String accountId) {
        return redis.value(String.class).getdel(refreshKey(jti)).map(v -> v != null && v.equals(accountId));
    }

    public Uni<Void> forgetRefresh(String jti) {
        return redis.key().del(refreshKey(jti)).replaceWithVoid();
    }
}
