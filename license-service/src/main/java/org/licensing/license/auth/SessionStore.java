package org.licensing.license.auth;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.licensing.common.auth.TokenBlacklist;
import org.licensing.common.events.EventEnvelope;
import org.licensing.common.events.EventTypes;
import org.licensing.common.outbox.Outbox;
import org.licensing.common.outbox.OutboxRelay;
import org.licensing.license.accounts.AccountService;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Signed-in sessions: one refresh-token family ({@code auth_sessions}) from a sign-in to its end.
 * Each issued pair is recorded in {@code refresh_tokens} (refresh jti, access jti), so ending a
 * session deletes its live refresh token from Redis and blacklists its unexpired access tokens,
 * and a refresh token that is not its family's current one is recognised as a reuse.
 */
@ApplicationScoped
public class SessionStore {

    public static final String REASON_SIGN_OUT = "SIGN_OUT";
    public static final String REASON_REUSE = "REFRESH_REUSE";
    public static final String REASON_EVERYWHERE = "SIGN_OUT_EVERYWHERE";
    public static final String REASON_PASSWORD = "PASSWORD_CHANGED";
    public static final String REASON_REVOKED = "REVOKED_BY_OWNER";

    private final Pool pool;
    private final TokenIssuer tokens;
    private final TokenBlacklist blacklist;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final ObjectMapper json;

    public SessionStore(Pool pool, TokenIssuer tokens, TokenBlacklist blacklist, Outbox outbox, OutboxRelay relay,
            ObjectMapper json) {
        this.pool = pool;
        this.tokens = tokens;
        this.blacklist = blacklist;
        this.outbox = outbox;
        this.relay = relay;
        this.json = json;
    }

    /** The claims of a token this service has just signed (read without verifying again). */
    record Ids(String jti, Instant expiresAt) {}

    Ids ids(String rawJwt) {
        try {
            String[] parts = rawJwt.split("\\.");
            JsonNode n = json.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            return new Ids(n.path("jti").asText(), Instant.ofEpochSecond(n.path("exp").asLong()));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read a token just issued", e);
        }
    }

    public record SessionView(UUID id, Instant createdAt, Instant lastUsedAt, String ipAddress, String userAgent,
            Instant expiresAt, boolean current) {}

    /** A new session for a fresh sign-in. */
    public Uni<UUID> start(SqlClient tx, long accountId, TokenIssuer.Tokens t, SignInFlow.Client client) {
        UUID id = UUID.randomUUID();
        Ids refresh = ids(t.refreshToken());
        return tx.preparedQuery("INSERT INTO license.auth_sessions (id, account_id, current_jti, ip_address, user_agent, expires_at)"
                + " VALUES ($1, $2, $3, $4, $5, $6)")
                .execute(Tuple.of(id, accountId, refresh.jti(), truncate(client.ip(), 45), truncate(client.userAgent(), 1000),
                        utc(refresh.expiresAt())))
                .chain(() -> record(tx, id, t)).replaceWith(id);
    }

    public Uni<UUID> start(long accountId, TokenIssuer.Tokens t, SignInFlow.Client client) {
        return pool.withTransaction(tx -> start(tx, accountId, t, client));
    }

    /** The next pair of a session (refresh, password change): it becomes the family's current one. */
    Uni<Void> advance(SqlClient tx, UUID session, TokenIssuer.Tokens t) {
        Ids refresh = ids(t.refreshToken());
        return tx.preparedQuery("UPDATE license.auth_sessions SET current_jti = $2, last_used_at = now(), expires_at = $3 WHERE id = $1")
                .execute(Tuple.of(session, refresh.jti(), utc(refresh.expiresAt()))).chain(() -> record(tx, session, t));
    }

    private Uni<Void> record(SqlClient tx, UUID session, TokenIssuer.Tokens t) {
        Ids refresh = ids(t.refreshToken());
        Ids access = ids(t.accessToken());
        return tx.preparedQuery("INSERT INTO license.refresh_tokens (jti, session_id, access_jti, access_expires_at) VALUES ($1, $2, $3, $4)")
                .execute(Tuple.of(refresh.jti(), session, access.jti(), utc(access.expiresAt()))).replaceWithVoid();
    }

    /** The session a refresh token belongs to, locked for the rotation; null for a token issued before sessions existed. */
    record Family(UUID id, long accountId, String currentJti, boolean revoked) {}

    Uni<Family> lockFamilyOf(SqlClient tx, String refreshJti) {
        return tx.preparedQuery("SELECT s.id, s.account_id, s.current_jti, s.revoked_at FROM license.refresh_tokens rt"
                + " JOIN license.auth_sessions s ON s.id = rt.session_id WHERE rt.jti = $1 FOR UPDATE OF s")
                .execute(Tuple.of(refreshJti))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return null;
                    }
                    Row r = rows.iterator().next();
                    return new Family(r.getUUID("id"), r.getLong("account_id"), r.getString("current_jti"),
                            r.getValue("revoked_at") != null);
                });
    }

    /** A rotated token came back: the whole family ends and the reuse is event-logged (warn). */
    Uni<Void> endForReuse(SqlClient tx, Family f, String reusedJti, String ip) {
        return end(tx, f.id(), REASON_REUSE).chain(() -> outbox.append(tx, EventEnvelope.of(EventTypes.AUTH_REFRESH_REUSE).level("warn")
                .account(f.accountId()).ip(ip).source(AccountService.SOURCE)
                .data(Map.of("session_id", f.id().toString(), "reused_jti", reusedJti)).build()))
                .invoke(relay::kick);
    }

    /** The session of an access token (the caller's own), or null. */
    public Uni<UUID> sessionOfAccess(String accessJti) {
        if (accessJti == null) {
            return Uni.createFrom().nullItem();
        }
        return pool.preparedQuery("SELECT session_id FROM license.refresh_tokens WHERE access_jti = $1 LIMIT 1")
                .execute(Tuple.of(accessJti))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getUUID("session_id") : null);
    }

    public Uni<UUID> sessionOfRefresh(String refreshJti) {
        return pool.preparedQuery("SELECT session_id FROM license.refresh_tokens WHERE jti = $1")
                .execute(Tuple.of(refreshJti))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getUUID("session_id") : null);
    }

    public Uni<List<SessionView>> list(long accountId, UUID current) {
        return pool.preparedQuery("SELECT id, created_at, last_used_at, ip_address, user_agent, expires_at FROM license.auth_sessions"
                + " WHERE account_id = $1 AND revoked_at IS NULL AND expires_at > now() ORDER BY last_used_at DESC")
                .execute(Tuple.of(accountId)).map(rows -> {
                    List<SessionView> out = new ArrayList<>();
                    for (Row r : rows) {
                        UUID id = r.getUUID("id");
                        out.add(new SessionView(id, r.getOffsetDateTime("created_at").toInstant(),
                                r.getOffsetDateTime("last_used_at").toInstant(), r.getString("ip_address"), r.getString("user_agent"),
                                r.getOffsetDateTime("expires_at").toInstant(), id.equals(current)));
                    }
                    return out;
                });
    }

    /** Ends one session of the account; false when there is no such live session. */
    public Uni<Boolean> end(long accountId, UUID session, String reason) {
        return pool.withTransaction(tx -> tx.preparedQuery("SELECT id FROM license.auth_sessions WHERE id = $1 AND account_id = $2"
                + " AND revoked_at IS NULL FOR UPDATE").execute(Tuple.of(session, accountId))
                .chain(rows -> rows.iterator().hasNext() ? end(tx, session, reason).replaceWith(true) : Uni.createFrom().item(false)));
    }

    /** Ends every session of the account except {@code keep} (null: all); how many ended. */
    public Uni<Integer> endAll(SqlClient tx, long accountId, UUID keep, String reason) {
        return tx.preparedQuery("SELECT id FROM license.auth_sessions WHERE account_id = $1 AND revoked_at IS NULL FOR UPDATE")
                .execute(Tuple.of(accountId)).chain(rows -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    int n = 0;
                    for (Row r : rows) {
                        UUID id = r.getUUID("id");
                        if (!id.equals(keep)) {
                            n++;
                            chain = chain.chain(() -> end(tx, id, reason));
                        }
                    }
                    return chain.replaceWith(n);
                });
    }

    public Uni<Integer> endAll(long accountId, UUID keep, String reason) {
        return pool.withTransaction(tx -> endAll(tx, accountId, keep, reason));
    }

    /** Marks the session ended, deletes its live refresh token and blacklists its unexpired access tokens. */
    private Uni<Void> end(SqlClient tx, UUID session, String reason) {
        return tx.preparedQuery("UPDATE license.auth_sessions SET revoked_at = now(), revoked_reason = $2 WHERE id = $1 RETURNING current_jti")
                .execute(Tuple.of(session, reason))
                .chain(rows -> rows.iterator().hasNext() ? tokens.forgetRefresh(rows.iterator().next().getString("current_jti"))
                        : Uni.createFrom().voidItem())
                .chain(() -> tx.preparedQuery("SELECT access_jti, access_expires_at FROM license.refresh_tokens WHERE session_id = $1"
                        + " AND access_expires_at > now()").execute(Tuple.of(session)))
                .chain(rows -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Row r : rows) {
                        String jti = r.getString("access_jti");
                        long exp = r.getOffsetDateTime("access_expires_at").toEpochSecond();
                        chain = chain.chain(() -> blacklist.revoke(jti, exp));
                    }
                    return chain;
                });
    }

    static OffsetDateTime utc(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }

    static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
