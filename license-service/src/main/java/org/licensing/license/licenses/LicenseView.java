package org.licensing.license.licenses;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A license as its seller, owner or an admin sees it; never the key (only its hint). Notes are internal. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record LicenseView(long id, String keyHint, String keyScheme, long productId, String productCode, long sellerId,
        Long ownerAccountId, String type, String licenseClass, String privilege, String term, Integer durationDays,
        String status, int maxDevices, Integer maxSessions, Map<String, Long> usageLimits, List<String> domainRestrictions,
        List<String> ipRestrictions, boolean autoRenew, Instant expiresAt, Instant activatedAt, Instant suspendedAt,
        String suspensionReason, Instant revokedAt, String revocationReason, Instant lastValidatedAt, Instant lastUsedAt,
        String notes, Instant keyReplacedAt, UUID batchId, Instant createdAt, Instant updatedAt) {

    public static LicenseView of(License l, boolean internal) {
        return new LicenseView(l.id(), l.keyHint(), l.keyScheme(), l.productId(), l.productCode(), l.sellerId(),
                l.ownerAccountId(), l.type(), l.licenseClass(), l.privilege(), l.term(), l.durationDays(), l.status().name(),
                l.maxDevices(), l.maxSessions(), l.usageLimits(), l.domainRestrictions(), l.ipRestrictions(), l.autoRenew(),
                l.expiresAt(), l.activatedAt(), l.suspendedAt(), l.suspensionReason(), l.revokedAt(),
                internal ? l.revocationReason() : null, l.lastValidatedAt(), l.lastUsedAt(), internal ? l.notes() : null,
                l.keyReplacedAt(), internal ? l.batchId() : null, l.createdAt(), l.updatedAt());
    }
}
