package org.licensing.session.sessions;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.licensing.common.auth.Roles;
import org.licensing.common.auth.TokenClaims;
import org.licensing.common.events.EventEnvelope;
import org.licensing.common.events.EventTypes;
import org.licensing.common.keys.LicenseKeyHasher;
import org.licensing.common.licenses.LicenseSnapshot;
import org.licensing.common.licenses.LicenseSnapshots;
import org.licensing.common.outbox.Outbox;
import org.licensing.common.outbox.OutboxRelay;
import org.licensing.common.problem.ProblemException;
import org.licensing.common.tokens.TokenKeys;
import org.licensing.common.tokens.TokenKind;
import org.licensing.common.tokens.TokenSigner;
import org.licensing.session.access.DeviceDirectory;
import org.licensing.session.access.DeviceRecord;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Starts and ends client sessions. A start checks the license and the device (PostgreSQL and the
 * license snapshot cache), takes a floating seat in Redis (atomic against max_sessions), records
 * the session with its {@code session.started} event, and signs the session token itself (no
 * synchronous call to license-service).
 */
@ApplicationScoped
public class SessionService {

    /**
     * The whole PostgreSQL side of a start in one statement (one round trip, no BEGIN/COMMIT; a statement is
     * atomic): the device is still bound and not blocked in device-service's published view, the session row,
     * and its event in the outbox (the columns {@code Outbox.append} writes). No row when the device check fails.
     */
    static final String INSERT_SQL = """
            WITH device AS (SELECT 1 FROM device.device_states
                WHERE id = $7::bigint AND license_id = $6::bigint AND bound AND NOT blocked),
            started AS (INSERT INTO session.client_sessions (id, token_hash, jti, token_expires_at, origin, license_id,
                  device_id, account_id, ip_address, user_agent, client_version, language, session_data, started_at)
                SELECT $1::uuid, $2::text, $3::text, $4::timestamptz, $5::text, $6::bigint, $7::bigint, $8::bigint, $9::text,
                  $10::text, $11::text, $12::text, $13::jsonb, to_timestamp($14::bigint / 1000.0) FROM device RETURNING id)
            INSERT INTO session.outbox (event_id, event_type, partition_key, payload)
            SELECT $15::uuid, $16::text, $17::text, $18::text FROM started""";

    private final LicenseKeyHasher hasher;
    private final LicenseSnapshots licenses;
    private final DeviceDirectory devices;
    private final SessionLeases leases;
    private final SessionCloser closer;
    private final SessionConfig config;
    private final Pool pool;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final TokenSigner sessionTokens;
    private final StartReads startReads;

    public SessionService(LicenseKeyHasher hasher, LicenseSnapshots licenses, DeviceDirectory devices, SessionLeases leases,
            SessionCloser closer, SessionConfig config, Pool pool, Outbox outbox, OutboxRelay relay, TokenKeys keys,
            StartReads startReads) {
        this.startReads = startReads;
        this.hasher = hasher;
        this.licenses = licenses;
        this.devices = devices;
        this.leases = leases;
        this.closer = closer;
        this.config = config;
        this.pool = pool;
        this.outbox = outbox;
        this.relay = relay;
        this.sessionTokens = keys.signer(TokenKind.SESSION);
    }

    /** Who opens a session and from where. */
    public record ClientInfo(String ip, String userAgent, String clientVersion, String language, Map<String, Object> data) {}

    public Uni<SessionStarted> start(StartSessionRequest req, String ip, String userAgent) {
        String keyHash = hasher.hash(hasher.parseOrReject(req.licenseKey(), "license_key"));
        ClientInfo client = new ClientInfo(ip, userAgent, req.clientVersion(), req.language() == null ? "en" : req.language(),
                req.sessionData());
        return startReads.read(keyHash, req.deviceId()).chain(found -> licenses.byKeyHash(keyHash, found.licenseId(),
                found.snapshot()).chain(license -> {
                    SessionProblems.requireUsable(license, Instant.now());
                    // the look-up entry read with the key hash is the license's only if the key hash named it
                    Uni<DeviceRecord> device = found.namesLicense() ? devices.forStart(license, req.deviceId(), found.deviceLookup())
                            : devices.forStart(license, req.deviceId());
                    return device.chain(d -> {
                        requireBound(d);
                        return open(license, d, client, false);
                    });
                }));
    }

    /** A legacy heartbeat's session (no token): same checks and seat, origin LEGACY. */
    public Uni<SessionStarted> startLegacy(LicenseSnapshot license, DeviceRecord device, ClientInfo client) {
        SessionProblems.requireUsable(license, Instant.now());
        requireBound(device);
        return open(license, device, client, true);
    }

    static void requireBound(DeviceRecord device) {
        if (device == null || !device.bound()) {
            throw new ProblemException(403, SessionProblems.DEVICE_NOT_ACTIVATED,
                    "This device is not activated on the license").withExtension("field", "device_id");
        }
        if (device.blocked()) {
            throw new ProblemException(403, SessionProblems.DEVICE_BLOCKED,
                    device.blockedReason() == null ? "This device is blocked" : "This device is blocked: " + device.blockedReason());
        }
    }

    private Uni<SessionStarted> open(LicenseSnapshot license, DeviceRecord device, ClientInfo client, boolean legacy) {
        String sessionId = UUID.randomUUID().toString();
        String jti = legacy ? null : UUID.randomUUID().toString();
        long accountId = license.ownerAccountId() != null ? license.ownerAccountId()
                : device.accountId() != null ? device.accountId() : 0L;
        Instant expires = Instant.now().plus(config.tokenLifetime());
        long licenseExpires = license.expiresAt() == null ? 0 : license.expiresAt().toEpochMilli();
        return leases.open(sessionId, license.id(), device.id(), accountId, jti, expires.toEpochMilli(),
                license.maxSessions(), licenseExpires, legacy).chain(opened -> switch (opened.outcome()) {
                    case FULL -> Uni.createFrom().failure(new ProblemException(409, SessionProblems.TOO_MANY_SESSIONS,
                            "All " + license.maxSessions() + " concurrent sessions of this license are in use")
                            .withExtension("max_sessions", license.maxSessions()));
                    case DEVICE_BLOCKED -> Uni.createFrom().failure(new ProblemException(403, SessionProblems.DEVICE_BLOCKED,
                            "1".equals(opened.detail()) || "blocked".equals(opened.detail()) ? "This device is blocked" : "This device is blocked: " + opened.detail()));
                    case LICENSE_STATUS -> Uni.createFrom().failure(() -> {
                        try {
                            SessionProblems.requireUsable(license.withStatus(opened.detail()), Instant.now());
                        } catch (ProblemException p) {
                            return p;
                        }
                        return new ProblemException(403, SessionProblems.LICENSE_NOT_ACTIVE, "The license is " + opened.detail());
                    });
                    case LEGACY_EXISTS -> Uni.createFrom().item(new SessionStarted(opened.detail(), null, null,
                            license.id(), device.id(), null, null, config.heartbeatInterval().toSeconds(),
                            config.heartbeatGrace().toSeconds()));
                    case OPENED -> {
                        // Ed25519 signing costs tens of microseconds with a key read at start-up: no pool hop
                        Uni<String> token = legacy ? Uni.createFrom().nullItem()
                                : Uni.createFrom().item(() -> sign(sessionId, jti, accountId, license.id(), device.id(), expires));
                        yield token.chain(t -> record(sessionId, t, jti, expires, legacy, license, device, accountId, client,
                                opened.startedAtMillis()).map(inserted -> {
                                    if (!inserted) {
                                        throw new DeviceNotConfirmed();
                                    }
                                    return t;
                                }))
                                .onFailure().call(() -> leases.abort(sessionId, license.id()))
                                .invoke(relay::kick)
                                .map(t -> new SessionStarted(sessionId, t, legacy ? null : "Bearer", license.id(),
                                        device.id(), Instant.ofEpochMilli(opened.startedAtMillis()), expires,
                                        config.heartbeatInterval().toSeconds(), config.heartbeatGrace().toSeconds()))
                                .onFailure(DeviceNotConfirmed.class).recoverWithUni(() -> reconfirmed(license, device, client, legacy));
                    }
                });
    }

    /** The insert found the device unbound or blocked in PostgreSQL: no session was recorded, its seat is freed. */
    private static final class DeviceNotConfirmed extends RuntimeException {
        DeviceNotConfirmed() {
            super("device not bound or blocked", null, false, false);
        }
    }

    /**
     * A start refused by the insert's device check. A device vouched for only by the Redis look-up entry is read
     * from PostgreSQL to answer why (or, if the entry was merely stale the other way, to start once more);
     * a device PostgreSQL itself just confirmed changed in between: answered as not activated.
     */
    private Uni<SessionStarted> reconfirmed(LicenseSnapshot license, DeviceRecord device, ClientInfo client, boolean legacy) {
        if (!device.fromLookup()) {
            return Uni.createFrom().failure(new ProblemException(403, SessionProblems.DEVICE_NOT_ACTIVATED,
                    "This device is not activated on the license").withExtension("field", "device_id"));
        }
        return devices.find(license.id(), device.clientDeviceId()).chain(d -> {
            requireBound(d);
            return open(license, d, client, legacy);
        });
    }

    private Uni<Boolean> record(String sessionId, String token, String jti, Instant expires, boolean legacy,
            LicenseSnapshot license, DeviceRecord device, long accountId, ClientInfo client, long startedAt) {
        Tuple t = Tuple.tuple()
                .addValue(UUID.fromString(sessionId))
                .addValue(token == null ? null : sha256(token))
                .addValue(jti)
                .addValue(expires.atOffset(java.time.ZoneOffset.UTC))
                .addValue(legacy ? "LEGACY" : "API")
                .addValue(license.id())
                .addValue(device.id())
                .addValue(accountId == 0 ? null : accountId)
                .addValue(client.ip())
                .addValue(client.userAgent())
                .addValue(client.clientVersion())
                .addValue(client.language())
                .addValue(client.data() == null ? null : new JsonObject(client.data()))
                .addValue(startedAt);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("session_id", sessionId);
        data.put("origin", legacy ? "LEGACY" : "API");
        data.put("client_version", client.clientVersion());
        EventEnvelope event = EventEnvelope.of(EventTypes.SESSION_STARTED).license(license.id())
                .device(Long.toString(device.id())).account(accountId == 0 ? null : accountId).ip(client.ip())
                .source("session-service").data(data).build();
        t.addValue(UUID.fromString(event.id())).addValue(event.type()).addValue(event.partitionKey()).addValue(outbox.serialize(event));
        return pool.preparedQuery(INSERT_SQL).execute(t).map(rows -> rows.rowCount() == 1);
    }

    private String sign(String sessionId, String jti, long accountId, long licenseId, long deviceId, Instant expires) {
        // plain claims, not the JWT builder: the signer's Ed25519 fast path takes them (the builder path cost ~1 ms)
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", Long.toString(accountId));
        claims.put("groups", List.of(Roles.CLIENT));
        claims.put(TokenClaims.TYPE, TokenClaims.TYPE_SESSION);
        claims.put(TokenClaims.SESSION_ID, sessionId);
        claims.put(TokenClaims.LICENSE_ID, licenseId);
        claims.put(TokenClaims.DEVICE_ID, deviceId);
        claims.put("jti", jti);
        claims.put("iat", Instant.now().getEpochSecond());
        claims.put("exp", expires.getEpochSecond());
        return sessionTokens.sign(claims);
    }

    /** Sign-out: ends the session (of the token's license) now, writes it, blacklists its token. */
    public Uni<SessionEnded> signOut(String sessionId, long licenseId) {
        return leases.end(sessionId, licenseId, "signed_out").chain(member -> {
            if (member == null) {
                return Uni.createFrom().failure(ProblemException.conflict(SessionProblems.SESSION_ENDED,
                        "This session has already ended"));
            }
            return closer.close(member).map(c -> new SessionEnded(sessionId, c.entry().reason(), c.endedAt(),
                    c.durationSeconds(), c.entry().usageSeconds()));
        });
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
