package org.licensing.session.heartbeat;

import jakarta.enterprise.context.ApplicationScoped;

import org.licensing.common.keys.LicenseKeyHasher;
import org.licensing.common.licenses.LicenseSnapshots;
import org.licensing.common.problem.ProblemCodes;
import org.licensing.common.problem.ProblemException;
import org.licensing.common.ratelimit.RateLimitConfig;
import org.licensing.common.ratelimit.RateLimitDecision;
import org.licensing.common.ratelimit.RateLimitFilter;
import org.licensing.common.ratelimit.RateLimiter;
import org.licensing.session.access.DeviceDirectory;
import org.licensing.session.access.DeviceRecord;
import org.licensing.session.sessions.BeatResult;
import org.licensing.session.sessions.SessionConfig;
import org.licensing.session.sessions.SessionLeases;
import org.licensing.session.sessions.SessionProblems;
import org.licensing.session.sessions.SessionService;

import io.smallrye.mutiny.Uni;

/**
 * The heartbeat hot path: one heartbeat script call in Redis and nothing else. PostgreSQL is read
 * only by a legacy heartbeat that has no session yet (it opens one) or whose key or device is not
 * in Redis (cold cache), never by a heartbeat of a running session.
 */
@ApplicationScoped
public class HeartbeatService {

    private final SessionLeases leases;
    private final SessionConfig config;
    private final LicenseKeyHasher hasher;
    private final LicenseSnapshots licenses;
    private final DeviceDirectory devices;
    private final SessionService sessions;
    private final RateLimiter limiter;
    private final long intervalSeconds;
    private final int ipLimit;

    public HeartbeatService(SessionLeases leases, SessionConfig config, LicenseKeyHasher hasher, LicenseSnapshots licenses,
            DeviceDirectory devices, SessionService sessions, RateLimiter limiter, RateLimitConfig limits) {
        this.leases = leases;
        this.config = config;
        this.hasher = hasher;
        this.licenses = licenses;
        this.devices = devices;
        this.sessions = sessions;
        this.limiter = limiter;
        this.intervalSeconds = config.heartbeatInterval().toSeconds();
        this.ipLimit = limits.rule(SessionLeases.HEARTBEAT_IP_GROUP).limit();
    }

    /** A heartbeat with a session token (already verified): ok, or why the session ended; 429 when too fast. */
    public Uni<HeartbeatAnswer> beat(SessionTokens.Verified session, String ip) {
        return leases.beat(session.sessionId(), session.licenseId(), session.deviceId(), session.accountId(), session.jti(), ip)
                .map(r -> answer(session.sessionId(), r));
    }

    private HeartbeatAnswer answer(String sessionId, BeatResult r) {
        return switch (r.outcome()) {
            case OK -> new HeartbeatAnswer(HeartbeatVerdict.OK, sessionId, intervalSeconds, r.credited(), r.usage(), null, null);
            case RATE_LIMITED -> throw tooFast(r.retryMillis());
            case ADDRESS_BLOCKED, ADDRESS_RATE_LIMITED -> throw addressRefused(r);
            case ENDED -> new HeartbeatAnswer(HeartbeatVerdict.statusOf(r.reason()), r.sessionId(), null, null, null, r.reason(),
                    HeartbeatVerdict.describe(r.reason(), r.detail()));
            default -> new HeartbeatAnswer(HeartbeatVerdict.EXPIRED, r.sessionId(), null, null, null, "unknown",
                    "The session is unknown or long gone; start a new session");
        };
    }

    /** The client address is blocked (by the rate limiter) or beats too often: the limiter's own answers. */
    ProblemException addressRefused(BeatResult r) {
        long pttl = r.retryMillis();
        int limit = ipLimit;
        return RateLimitFilter.refusal(r.outcome() == BeatResult.Outcome.ADDRESS_BLOCKED
                ? new RateLimitDecision(limit, 0, 0, Math.max(1, pttl), false)
                : new RateLimitDecision(limit, limit + 1L, pttl, 0, false));
    }

    static ProblemException tooFast(long pttl) {
        long retry = HeartbeatVerdict.retryAfterSeconds(pttl);
        return new ProblemException(429, ProblemCodes.RATE_LIMITED, "Too many heartbeats from this device; retry after "
                + retry + " s").withHeader("Retry-After", Long.toString(retry)).withExtension("retry_after_seconds", retry);
    }

    /** Requirement 001's form heartbeat. Rate limiting answers a 429 problem; everything else is a legacy answer. */
    public Uni<LegacyAnswer> beatLegacy(String licenseKey, String clientDeviceId, String ip, String userAgent) {
        if (licenseKey == null || licenseKey.isBlank() || clientDeviceId == null || clientDeviceId.isBlank()) {
            return Uni.createFrom().item(LegacyAnswer.error("Key and Device ID are required."));
        }
        String keyHash;
        try {
            keyHash = hasher.hash(hasher.parseOrReject(licenseKey, "license_key"));
        } catch (ProblemException e) {
            return Uni.createFrom().item(LegacyAnswer.error("Invalid license key."));
        }
        SessionService.ClientInfo client = new SessionService.ClientInfo(ip, userAgent, "legacy", "en", null);
        return leases.beatLegacy(keyHash, clientDeviceId, ip)
                .chain(r -> legacy(r, keyHash, clientDeviceId, client, true));
    }

    private Uni<LegacyAnswer> legacy(BeatResult r, String keyHash, String clientDeviceId, SessionService.ClientInfo client,
            boolean retry) {
        switch (r.outcome()) {
            case OK:
                return Uni.createFrom().item(LegacyAnswer.RECEIVED);
            case RATE_LIMITED:
                return Uni.createFrom().failure(tooFast(r.retryMillis()));
            case ADDRESS_BLOCKED, ADDRESS_RATE_LIMITED:
                return Uni.createFrom().failure(addressRefused(r));
            case ENDED: {
                String reason = r.reason();
                if (retry && HeartbeatVerdict.legacyReopens(reason)) {
                    // the old session is closed; this beat opens the next one, as requirement 001 does
                    return leases.beatLegacy(keyHash, clientDeviceId, client.ip()).chain(again -> legacy(again, keyHash, clientDeviceId, client, false));
                }
                String message = HeartbeatVerdict.describe(reason, r.detail()) + ".";
                return Uni.createFrom().item(new LegacyAnswer(HeartbeatVerdict.legacyStatusOf(reason), message));
            }
            case NO_SESSION:
                return licenses.byId(r.licenseId()).chain(license -> devices.byId(r.deviceId())
                        .chain(device -> openLegacy(license, device, client)));
            case NO_DEVICE:
                // cold path: device-service keeps device:lookup:{license}:{device} while bound; read the row once
                return coldLookupAllowed(client.ip()).chain(() -> licenses.byId(r.licenseId()).chain(license ->
                        devices.find(license == null ? 0 : license.id(), clientDeviceId).chain(device -> openLegacy(license, device, client))));
            case NO_LICENSE:
                return coldLookupAllowed(client.ip()).chain(() -> licenses.byKeyHash(keyHash).chain(license -> {
                    if (license == null) {
                        return Uni.createFrom().item(LegacyAnswer.error("Invalid license key."));
                    }
                    return devices.find(license.id(), clientDeviceId).chain(device -> openLegacy(license, device, client));
                }));
            default:
                return Uni.createFrom().item(LegacyAnswer.error("Session unavailable; please retry."));
        }
    }

    /** Cache misses reach PostgreSQL: limit them per client address so unknown keys cannot flood the database. */
    private Uni<Void> coldLookupAllowed(String ip) {
        return limiter.hit(ip + ":legacy-lookup", ip, "heartbeat-lookup").chain(d -> d.allowed()
                ? Uni.createFrom().voidItem()
                : Uni.createFrom().failure(RateLimitFilter.refusal(d)));
    }

    private Uni<LegacyAnswer> openLegacy(org.licensing.common.licenses.LicenseSnapshot license, DeviceRecord device,
            SessionService.ClientInfo client) {
        if (license == null) {
            return Uni.createFrom().item(LegacyAnswer.error("Invalid license key."));
        }
        if (device == null || !device.bound()) {
            return Uni.createFrom().item(LegacyAnswer.blocked("Device not registered for this key."));
        }
        return Uni.createFrom().deferred(() -> sessions.startLegacy(license, device, client))
                .map(started -> LegacyAnswer.RECEIVED)
                .onFailure(ProblemException.class).recoverWithItem(f -> legacyRefusal((ProblemException) f));
    }

    static LegacyAnswer legacyRefusal(ProblemException p) {
        return switch (p.code()) {
            case SessionProblems.TOO_MANY_SESSIONS -> LegacyAnswer.error("Too many active sessions for this key.");
            case SessionProblems.DEVICE_BLOCKED -> LegacyAnswer.blocked("Your access has been blocked.");
            case SessionProblems.DEVICE_NOT_ACTIVATED -> LegacyAnswer.blocked("Device not registered for this key.");
            case SessionProblems.LICENSE_NOT_FOUND -> LegacyAnswer.error("Invalid license key.");
            case SessionProblems.LICENSE_EXPIRED -> LegacyAnswer.blocked("License expired.");
            case SessionProblems.LICENSE_REVOKED -> LegacyAnswer.blocked("License revoked.");
            case SessionProblems.LICENSE_SUSPENDED -> LegacyAnswer.blocked("License suspended.");
            default -> LegacyAnswer.blocked("License not active.");
        };
    }

    public SessionConfig config() {
        return config;
    }
}
