package org.licensing.license.validation;

import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.licensing.common.events.EventEnvelope;
import org.licensing.common.events.EventTypes;
import org.licensing.common.keys.LicenseKeyFormat;
import org.licensing.common.keys.LicenseKeyHasher;
import org.licensing.common.licenses.LicenseSnapshot;
import org.licensing.common.licenses.LicenseSnapshots;
import org.licensing.common.problem.ProblemException;
import org.licensing.common.ratelimit.RateLimitFilter;
import org.licensing.common.ratelimit.RateLimiter;
import org.licensing.license.certificates.CertificateRecord;
import org.licensing.license.certificates.CertificateStore;
import org.licensing.license.metering.UsageLimits;
import org.licensing.license.metering.UsageMeter;

import io.smallrye.mutiny.Uni;

/**
 * Validation hot path: key parsed and checked before any look-up, then per-key rate limit and the
 * license snapshot (Redis; PostgreSQL only on a cache miss) in parallel, then device binding and
 * usage counters (Redis, PostgreSQL for an uncached device) in parallel, then the pure
 * {@link VerdictRules}. The {@code license.validated} event goes to the stream without waiting.
 */
@ApplicationScoped
public class ValidationService {

    public static final String KEY_GROUP = "validate-key";

    /** Everything learned while validating: the outcome and the facts it came from. */
    public record Assessment(VerdictRules.Outcome outcome, LicenseSnapshot license, DeviceDirectory.Device device,
            List<UsageLimits.Reading> usage, String ip) {}

    private final LicenseKeyHasher hasher;
    private final LicenseSnapshots snapshots;
    private final RateLimiter limiter;
    private final DeviceDirectory devices;
    private final UsageMeter meter;
    private final DirectEvents events;
    private final CertificateStore certificates;
    private final Clock clock = Clock.systemUTC();

    public ValidationService(LicenseKeyHasher hasher, LicenseSnapshots snapshots, RateLimiter limiter,
            DeviceDirectory devices, UsageMeter meter, DirectEvents events, CertificateStore certificates) {
        this.hasher = hasher;
        this.snapshots = snapshots;
        this.limiter = limiter;
        this.devices = devices;
        this.meter = meter;
        this.events = events;
        this.certificates = certificates;
    }

    public Uni<Verdict> validate(ValidationRequest req, String callerIp, String source) {
        if (req == null || req.key() == null || req.key().isBlank()) {
            return Uni.createFrom().failure(ProblemException.invalidField("key", "is required"));
        }
        UUID certificateId = null;
        if (req.certificateId() != null && !req.certificateId().isBlank()) {
            try {
                certificateId = UUID.fromString(req.certificateId().trim());
            } catch (IllegalArgumentException e) {
                return Uni.createFrom().failure(ProblemException.invalidField("certificate_id", "is not a certificate id"));
            }
        }
        // IP restrictions are enforced on the connection's address only: a body field would let any
        // caller claim an allowed address.
        return assess(req.key(), req.product(), req.deviceId(), req.deviceRowId(), req.domain(), callerIp, certificateId)
                .invoke(a -> events.fireAndForget(validatedEvent(a, req, source)))
                .map(ValidationService::verdict);
    }

    /** Runs every check; fails only with a 429 problem when the key is over its rate limit. */
    public Uni<Assessment> assess(String rawKey, String product, String clientDeviceId, Long deviceRowId,
            String domain, String ip) {
        return assess(rawKey, product, clientDeviceId, deviceRowId, domain, ip, null);
    }

    /** As above, also checking the offline certificate {@code certificateId} when not null. */
    public Uni<Assessment> assess(String rawKey, String product, String clientDeviceId, Long deviceRowId,
            String domain, String ip, UUID certificateId) {
        LicenseKeyFormat.ParsedKey parsed;
        try {
            parsed = LicenseKeyFormat.parse(rawKey, hasher.checksumSecret());
        } catch (LicenseKeyFormat.MalformedKeyException e) {
            return Uni.createFrom().item(new Assessment(VerdictRules.malformed(e.getMessage()), null, null, List.of(), ip));
        }
        String keyHash = hasher.hash(parsed);
        return Uni.combine().all().unis(limiter.hit(keySubject(keyHash), ip, KEY_GROUP), snapshots.byKeyHash(keyHash))
                .asTuple().chain(t -> {
                    if (!t.getItem1().allowed()) {
                        return Uni.createFrom().failure(RateLimitFilter.refusal(t.getItem1()));
                    }
                    LicenseSnapshot license = t.getItem2();
                    VerdictRules.Facts facts = new VerdictRules.Facts(license, product, domain, ip,
                            DeviceState.NOT_REQUESTED, List.of(), clock.instant());
                    VerdictRules.Outcome early = VerdictRules.licenseChecks(facts);
                    if (early != null) {
                        return Uni.createFrom().item(new Assessment(early, license, null, List.of(), ip));
                    }
                    Uni<CertificateRecord> certificate = certificateId == null ? Uni.createFrom().nullItem()
                            : certificates.find(license.id(), certificateId);
                    return certificate.chain(c -> {
                        if (certificateId != null) {
                            VerdictRules.Outcome refused = CertificateCheck.judge(c, clientDeviceId, deviceRowId, facts.now());
                            if (refused != null) {
                                return Uni.createFrom().item(new Assessment(refused, license, null, List.of(), ip));
                            }
                        }
                        // A certificate names its device: without another one in the request, check that one.
                        Long rowId = deviceRowId == null && c != null && (clientDeviceId == null || clientDeviceId.isBlank())
                                ? Long.valueOf(c.deviceRowId()) : deviceRowId;
                        return deviceAndUsage(license, facts, rowId, clientDeviceId);
                    });
                });
    }

    private Uni<Assessment> deviceAndUsage(LicenseSnapshot license, VerdictRules.Facts facts, Long deviceRowId,
            String clientDeviceId) {
        Uni<DeviceDirectory.Device> device = deviceRowId != null ? devices.byRowId(license.id(), deviceRowId)
                : clientDeviceId != null && !clientDeviceId.isBlank()
                        ? devices.byClientId(license.id(), clientDeviceId.trim())
                        : Uni.createFrom().item(new DeviceDirectory.Device(null, DeviceState.NOT_REQUESTED));
        return Uni.combine().all().unis(device, meter.read(license, true)).asTuple().map(du -> {
            VerdictRules.Facts full = new VerdictRules.Facts(license, facts.product(), facts.domain(), facts.ip(),
                    du.getItem1().state(), du.getItem2(), facts.now());
            return new Assessment(VerdictRules.decide(full), license, du.getItem1(), du.getItem2(), facts.ip());
        });
    }

    /**
     * The per-key limit counts per key AND client address: {@link RateLimiter} keys every counter by
     * the address it is given ({@code ratelimit:{ip}:key:<hash>:validate-key}), so one holder of a key
     * (or someone who learned it) exhausting the limit refuses, and eventually blocks, only its own
     * address, never every other caller of the same key.
     */
    static String keySubject(String keyHash) {
        return "key:" + keyHash;
    }

    static Verdict verdict(Assessment a) {
        LicenseSnapshot l = a.license();
        if (l == null) {
            return new Verdict(false, a.outcome().code(), a.outcome().detail(), null, null, null, null, null, null, null);
        }
        Map<String, Object> limits = new LinkedHashMap<>();
        limits.put("max_devices", l.maxDevices());
        limits.put("max_sessions", l.maxSessions());
        if (l.usageLimits() != null) {
            limits.putAll(l.usageLimits());
        }
        return new Verdict(a.outcome().valid(), a.outcome().code(), a.outcome().detail(), l.id(), l.productId(), l.status(),
                l.expiresAt(), a.device() == null ? null : a.device().rowId(), limits, UsageLimits.usedByLimitKey(a.usage()));
    }

    private static EventEnvelope validatedEvent(Assessment a, ValidationRequest req, String source) {
        Map<String, Object> data = new HashMap<>();
        data.put("valid", a.outcome().valid());
        data.put("code", a.outcome().code());
        if (req.product() != null) {
            data.put("product", req.product());
        }
        if (req.domain() != null) {
            data.put("domain", req.domain());
        }
        if (a.license() != null) {
            data.put("seller_id", a.license().sellerId());
        }
        LicenseSnapshot l = a.license();
        return EventEnvelope.of(EventTypes.LICENSE_VALIDATED)
                .level(a.outcome().valid() ? "info" : "warn")
                .license(l == null ? null : l.id())
                .account(l == null ? null : l.ownerAccountId())
                .device(a.device() == null || a.device().rowId() == null ? null : Long.toString(a.device().rowId()))
                .ip(a.ip())
                .source(source)
                .data(data)
                .build();
    }
}
