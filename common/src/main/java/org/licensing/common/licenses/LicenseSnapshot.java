package org.licensing.common.licenses;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What the other services need to know of a license, cached in Redis by license-service
 * ({@code license:{id}:snapshot}) and read from the view {@code license.license_snapshots} on a miss.
 */
@RegisterForReflection
public record LicenseSnapshot(
        @JsonProperty("id") long id,
        @JsonProperty("product_id") long productId,
        @JsonProperty("product_code") String productCode,
        @JsonProperty("seller_id") long sellerId,
        @JsonProperty("owner_account_id") Long ownerAccountId,
        @JsonProperty("status") String status,
        @JsonProperty("type") String type,
        @JsonProperty("privilege") String privilege,
        @JsonProperty("term") String term,
        @JsonProperty("max_devices") int maxDevices,
        @JsonProperty("max_sessions") Integer maxSessions,
        @JsonProperty("expires_at") Instant expiresAt,
        @JsonProperty("usage_limits") Map<String, Long> usageLimits,
        @JsonProperty("domain_restrictions") List<String> domainRestrictions,
        @JsonProperty("ip_restrictions") List<String> ipRestrictions) {

    public static final String ACTIVE = LicenseStatus.ACTIVE.name();

    @JsonIgnore
    public boolean isActive() {
        return ACTIVE.equals(status);
    }

    @JsonIgnore
    public boolean isExpiredAt(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }

    /** The license may be used right now ({@link LicenseUsability}). */
    @JsonIgnore
    public boolean isUsableAt(Instant now) {
        return LicenseUsability.at(this, now).usable();
    }

    public LicenseSnapshot withStatus(String newStatus) {
        return new LicenseSnapshot(id, productId, productCode, sellerId, ownerAccountId, newStatus, type, privilege,
                term, maxDevices, maxSessions, expiresAt, usageLimits, domainRestrictions, ipRestrictions);
    }
}
