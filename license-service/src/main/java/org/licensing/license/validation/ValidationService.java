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
import org.licensing.common.ratelimit.IpBlockRecorder;
import org.licensing.common.ratelimit.RateLimitConfig;
import org.licensing.common.ratelimit.RateLimitDecision;
import org.licensing.common.ratelimit.RateLimitFilter;
import org.licensing.common.ratelimit.RateLimiter;
import org.licensing.license.certificates.CertificateRecord;
import org.licensing.license.certificates.CertificateStore;
import org.licensing.license.metering.UsageLimits;
import org.licensing.license.metering.UsageMeter;

import io.smallrye.mutiny.Uni;

/**
 * Validation hot path: key parsed and checked before any look-up, then one script call
 * ({@link ValidationScript}: the address's and the key's limits, the snapshot, the device binding),
 * PostgreSQL only for what the cache lacks, the usage counters when the license has limits, then
 * the pure {@link VerdictRules}. The {@code license.validated} event goes to the stream without
 * waiting, on the same pipelined connection.
 */
@ApplicationScoped
public class ValidationService {

    public static final String KEY_GROUP = "validate-key";
    /** The validate endpoint's per-address limit group. */
    public static final String ADDRESS_GROUP = "validate";

    /** Everything learned while validating: the outcome and the facts it came from. */
    public record Assessment(VerdictRules.Outcome outcome, LicenseSnapshot license, DeviceDirectory.Device device,
            List<UsageLimits.Reading> usage, String ip, RateLimitDecision address) {}

    private final LicenseKeyHasher hasher;
    private final LicenseSnapshots snapshots;
    private final RateLimiter limiter;
    private final DeviceDirectory devices;
    private final UsageMeter meter;
    private final DirectEvents events;
    private final CertificateStore certificates;
    private final ValidationScript script;
    private final IpBlockRecorder recorder;
    private final RateLimitConfig limits;
    private final Clock clock = Clock.systemUTC();

    public ValidationService(LicenseKeyHasher hasher, LicenseSnapshots snapshots, RateLimiter limiter,
            DeviceDirectory devices, UsageMeter meter, DirectEvents events, CertificateStore certificates,
            ValidationScript script, IpBlockRecorder recorder, RateLimitConfig limits) {
        this.script = script;
        this.recorder = recorder;
        this.limits = limits;
        this.hasher = hasher;
        this.snapshots = snapshots;
        this.limiter = limiter;
        this.devices = devices;
        this.meter = meter;
        this.events = events;
        this.certificates = certificates;
    }

    /**
     * The validate endpoint: the caller's address is counted here, in the same script as the rest
     * ({@code @RateLimited(exempt = true)} on the resource), so a validation is one Redis round trip.
     */
    public Uni<Assessment> validate(ValidationRequest req, String callerIp, String source) {
        if (req == null || req.key() == null || req.key().isBlank()) {
            return refuseAfterCounting(callerIp, ProblemException.invalidField("key", "is required"));
        }
        UUID certificateId = null;
        if (req.certificateId() != null && !req.certificateId().isBlank()) {
            try {
                certificateId = UUID.fromString(req.certificateId().trim());
            } catch (IllegalArgumentException e) {
                return refuseAfterCounting(callerIp,
                        ProblemException.invalidField("certificate_id", "is not a certificate id"));
            }
        }
        // IP restrictions are enforced on the connection's address only: a body field would let any
        // caller claim an allowed address.
        return assess(req.key(), req.product(), req.deviceId(), req.deviceRowId(), req.domain(), callerIp, certificateId,
                ADDRESS_GROUP)
                .invoke(a -> events.fireAndForget(validatedEvent(a, req, source), script.connections()));
    }

    /** Runs every check; fails only with a 429 problem when the key is over its rate limit. */
    public Uni<Assessment> assess(String rawKey, String product, String clientDeviceId, Long deviceRowId,
            String domain, String ip) {
        return assess(rawKey, product, clientDeviceId, deviceRowId, domain, ip, null, null);
    }

    /** As above, also checking the offline certificate {@code certificateId} when not null. */
    public Uni<Assessment> assess(String rawKey, String product, String clientDeviceId, Long deviceRowId,
            String domain, String ip, UUID certificateId) {
        return assess(rawKey, product, clientDeviceId, deviceRowId, domain, ip, certificateId, null);
    }

    /** {@code addressGroup}: the limit of the caller's address to count here, null when a filter counted it. */
    private Uni<Assessment> assess(String rawKey, String product, String clientDeviceId, Long deviceRowId,
            String domain, String ip, UUID certificateId, String addressGroup) {
        LicenseKeyFormat.ParsedKey parsed;
        try {
            parsed = LicenseKeyFormat.parse(rawKey, hasher.checksumSecret());
        } catch (LicenseKeyFormat.MalformedKeyException e) {
            Assessment malformed = new Assessment(VerdictRules.malformed(e.getMessage()), null, null, List.of(), ip, null);
            return addressGroup == null ? Uni.createFrom().item(malformed)
                    : countAddress(ip).map(d -> new Assessment(malformed.outcome(), null, null, List.of(), ip, d));
        }
        String keyHash = hasher.hash(parsed);
        String device = deviceRowId == null && clientDeviceId != null && !clientDeviceId.isBlank() ? clientDeviceId.trim() : null;
        return script.read(ip, addressGroup, keySubject(keyHash), KEY_GROUP, keyHash, device).chain(reads -> {
            RateLimitDecision refusal = reads.refusal();
            if (refusal != null) {
                return refuse(ip, refusal == reads.address() ? addressGroup : KEY_GROUP, refusal);
            }
            return license(reads, keyHash).chain(license -> {
                VerdictRules.Facts facts = new VerdictRules.Facts(license, product, domain, ip,
                        DeviceState.NOT_REQUESTED, List.of(), clock.instant());
                VerdictRules.Outcome early = VerdictRules.licenseChecks(facts);
                if (early != null) {
                    return Uni.createFrom().item(new Assessment(early, license, null, List.of(), ip, reads.address()));
                }
                if (certificateId == null) {
                    return deviceAndUsage(license, facts, deviceRowId, clientDeviceId, reads);
                }
                return certificates.find(license.id(), certificateId).chain(c -> {
                    VerdictRules.Outcome refused = CertificateCheck.judge(c, clientDeviceId, deviceRowId, facts.now());
                    if (refused != null) {
                        return Uni.createFrom().item(new Assessment(refused, license, null, List.of(), ip, reads.address()));
                    }
                    // A certificate names its device: without another one in the request, check that one.
                    Long rowId = deviceRowId == null && (clientDeviceId == null || clientDeviceId.isBlank())
                            ? Long.valueOf(c.deviceRowId()) : deviceRowId;
                    return deviceAndUsage(license, facts, rowId, clientDeviceId, reads);
                });
            });
        });
    }

    /** The snapshot the script found; PostgreSQL (through the usual reader) only for what the cache lacks. */
    private Uni<LicenseSnapshot> license(ValidationScript.Reads reads, String keyHash) {
        if (reads.unknownKey()) {
            return Uni.createFrom().nullItem();
        }
        if (reads.notIndexed()) {
            return snapshots.byKeyHash(keyHash);
        }
        if (reads.snapshot().isEmpty()) {
            return snapshots.byId(Long.parseLong(reads.licenseRef()));
        }
        return Uni.createFrom().item(snapshots.parse(reads.snapshot()));
    }

    private Uni<Assessment> refuse(String ip, String group, RateLimitDecision d) {
        Uni<Void> record = d.newlyBlocked()
                ? recorder.recordBlock(ip, group, d.count(), "rate limit exceeded repeatedly", limits.block().duration().toMillis())
                : Uni.createFrom().voidItem();
        return record.chain(() -> Uni.createFrom().failure(RateLimitFilter.refusal(d)));
    }

    private Uni<RateLimitDecision> countAddress(String ip) {
        return limiter.hit(ip, ip, ADDRESS_GROUP).call(d -> d.allowed() ? Uni.createFrom().voidItem()
                : refuse(ip, ADDRESS_GROUP, d).replaceWithVoid());
    }

    /** A request refused for its own content still counts against its address, as every API request does. */
    private Uni<Assessment> refuseAfterCounting(String ip, ProblemException problem) {
        return countAddress(ip).chain(d -> Uni.createFrom().failure(problem));
    }

    private Uni<Assessment> deviceAndUsage(LicenseSnapshot license, VerdictRules.Facts facts, Long deviceRowId,
            String clientDeviceId, ValidationScript.Reads reads) {
        Uni<DeviceDirectory.Device> device;
        if (deviceRowId != null) {
            device = devices.byRowId(license.id(), deviceRowId);
        } else if (clientDeviceId == null || clientDeviceId.isBlank()) {
            device = Uni.createFrom().item(new DeviceDirectory.Device(null, DeviceState.NOT_REQUESTED));
        } else if (!reads.deviceRow().isEmpty() && Long.toString(license.id()).equals(reads.licenseRef())) {
            long row = Long.parseLong(reads.deviceRow());
            device = Uni.createFrom().item(new DeviceDirectory.Device(row, reads.deviceBlocked() ? DeviceState.BLOCKED : DeviceState.BOUND));
        } else if (Long.toString(license.id()).equals(reads.licenseRef())) {
            // the script looked for the binding in Redis and found none
            device = devices.fromDatabase(license.id(), clientDeviceId.trim());
        } else {
            device = devices.byClientId(license.id(), clientDeviceId.trim());
        }
        return Uni.combine().all().unis(device, meter.read(license, true)).asTuple().map(du -> {
            VerdictRules.Facts full = new VerdictRules.Facts(license, facts.product(), facts.domain(), facts.ip(),
                    du.getItem1().state(), du.getItem2(), facts.now());
            return new Assessment(VerdictRules.decide(full), license, du.getItem1(), du.getItem2(), facts.ip(),
                    reads.address());
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

    public static Verdict verdict(Assessment a) {
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
