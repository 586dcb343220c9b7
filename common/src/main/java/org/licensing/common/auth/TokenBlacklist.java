package org.licensing.common.auth;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;

/**
 * Revoked tokens ({@code jwt:blacklist:{jti}}, kept until the token would have expired anyway)
 * and suspended accounts ({@code account:{id}:suspended}). Every service refuses both.
 */
@ApplicationScoped
public class TokenBlacklist {

    private final ReactiveValueCommands<String, String> values;
    private final ReactiveKeyCommands<String> keys;

    public TokenBlacklist(ReactiveRedisDataSource redis) {
        this.values = redis.value(String.class);
        this.keys = redis.key();
    }

    public static String jtiKey(String jti) {
        return "jwt:blacklist:" + jti;
    }

    public static String suspendedAccountKey(String accountId) {
        return "account:" + accountId + ":suspended";
    }

    /** Revoke a token until its expiry ({@code exp}, epoch seconds). A token already expired needs nothing. */
    public Uni<Void> revoke(String jti, long expiresAtEpochSecond) {
        long ttl = expiresAtEpochSecond - java.time.Instant.now().getEpochSecond();
        if (jti == null || ttl <= 0) {
            return Uni.createFrom().voidItem();
        }
        return values.setex(jtiKey(jti), ttl, "1");
    }

    /** Mark an account suspended for every service; {@code until} null means until lifted. */
    public Uni<Void> suspendAccount(String accountId, Duration until) {
        if (until == null) {
            return values.set(suspendedAccountKey(accountId), "1");
        }
        return values.setex(suspendedAccountKey(accountId), Math.max(1, until.toSeconds()), "1");
    }

    public Uni<Void> reinstateAccount(String accountId) {
        return keys.del(suspendedAccountKey(accountId)).replaceWithVoid();
    }

    /**
     * One round trip on standalone: is the token revoked or its account suspended? MGET rather than
     * a two-key EXISTS because the two keys hash to different slots: a Redis Cluster refuses a
     * multi-key EXISTS across slots (CROSSSLOT), while the cluster client splits an MGET by slot.
     */
    public Uni<Boolean> isRefused(String jti, String accountId) {
        if (jti == null && accountId == null) {
            return Uni.createFrom().item(false);
        }
        if (accountId == null) {
            return keys.exists(jtiKey(jti));
        }
        if (jti == null) {
            return keys.exists(suspendedAccountKey(accountId));
        }
        return values.mget(jtiKey(jti), suspendedAccountKey(accountId))
                .map(found -> found.values().stream().anyMatch(java.util.Objects::nonNull));
    }
}
