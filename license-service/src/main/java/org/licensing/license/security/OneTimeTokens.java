package org.licensing.license.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Single-use tokens sent by e-mail (password reset, e-mail verification): 256 random bits, of
 * which only the SHA-256 is stored ({@code license.password_reset_tokens}), so a database dump
 * gives nothing that works. A token is consumed in the caller's transaction, once.
 */
@ApplicationScoped
public class OneTimeTokens {

    public static final String PASSWORD_RESET = "PASSWORD_RESET";
    public static final String EMAIL_VERIFICATION = "EMAIL_VERIFICATION";
    public static final String MAGIC_LINK = "MAGIC_LINK";

    private final Pool pool;
    private final SecureRandom random = new SecureRandom();

    public OneTimeTokens(Pool pool) {
        this.pool = pool;
    }

    public record Issued(String token, Instant expiresAt) {}

    /** What a consumed token was for; {@code expired} and {@code used} say why it no longer works. */
    public record Use(long accountId, String email, boolean expired, boolean used) {
        public boolean valid() {
            return !expired && !used;
        }
    }

    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public String newToken() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    public Uni<Issued> issue(long accountId, String purpose, String email, Duration ttl, String ip) {
        String token = newToken();
        Instant expires = Instant.now().plus(ttl);
        return pool.preparedQuery("INSERT INTO license.password_reset_tokens (account_id, purpose, token_hash, email, expires_at, ip_address)"
                + " VALUES ($1, $2, $3, $4, $5, $6)")
                .execute(Tuple.of(accountId, purpose, hash(token), email, OffsetDateTime.ofInstant(expires, ZoneOffset.UTC), ip))
                .replaceWith(new Issued(token, expires));
    }

    /**
     * Locks and, when still valid, marks the token used (with every other open token of the same
     * purpose of that account, so one reset voids the older links). Null for an unknown token.
     */
    public Uni<Use> consume(SqlClient tx, String purpose, String token) {
        if (token == null || token.isBlank() || token.length() > 200) {
            return Uni.createFrom().nullItem();
        }
        return tx.preparedQuery("SELECT account_id, email, expires_at <= now() AS expired, used_at IS NOT NULL AS used"
                + " FROM license.password_reset_tokens WHERE token_hash = $1 AND purpose = $2 FOR UPDATE")
                .execute(Tuple.of(hash(token.trim()), purpose))
                .chain(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Uni.createFrom().nullItem();
                    }
                    Row r = rows.iterator().next();
                    Use use = new Use(r.getLong("account_id"), r.getString("email"), r.getBoolean("expired"), r.getBoolean("used"));
                    if (!use.valid()) {
                        return Uni.createFrom().item(use);
                    }
                    return tx.preparedQuery("UPDATE license.password_reset_tokens SET used_at = now() WHERE account_id = $1"
                            + " AND purpose = $2 AND used_at IS NULL").execute(Tuple.of(use.accountId(), purpose)).replaceWith(use);
                });
    }
}
