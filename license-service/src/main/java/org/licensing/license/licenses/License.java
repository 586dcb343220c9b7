package org.licensing.license.licenses;

import org.licensing.common.licenses.LicenseStatus;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.licensing.common.licenses.LicenseSnapshot;
import org.licensing.common.auth.Caller;
import org.licensing.common.auth.LicenseAccess;
import org.licensing.license.products.Product;

import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Row;

/** A row of {@code license.licenses} with its product code. The key itself is only here encrypted. */
public record License(long id, String keyHash, String keyEncrypted, String keyScheme, String keyHint, long productId,
        String productCode, long sellerId, Long ownerAccountId, String type, String licenseClass, String privilege, String term,
        Integer durationDays, LicenseStatus status, int maxDevices, Integer maxSessions, Map<String, Long> usageLimits,
        List<String> domainRestrictions, List<String> ipRestrictions, boolean autoRenew, Instant expiresAt,
        Instant activatedAt, Instant suspendedAt, String suspensionReason, Instant revokedAt, String revocationReason,
        Instant lastValidatedAt, Instant lastUsedAt, String createdFromIp, String notes, Instant keyReplacedAt, UUID batchId,
        Instant createdAt, Instant updatedAt) {

    static final String COLUMNS = "l.id, l.key_hash, l.key_encrypted, l.key_scheme, l.key_hint, l.product_id, p.code AS product_code,"
            + " l.seller_id, l.owner_account_id, l.type, l.license_class, l.privilege, l.term, l.duration_days, l.status,"
            + " l.max_devices, l.max_sessions, l.usage_limits, l.domain_restrictions, l.ip_restrictions, l.auto_renew,"
            + " l.expires_at, l.activated_at, l.suspended_at, l.suspension_reason, l.revoked_at, l.revocation_reason,"
            + " l.last_validated_at, l.last_used_at, l.created_from_ip, l.notes, l.key_replaced_at, l.batch_id, l.created_at,"
            + " l.updated_at";
    static final String FROM = " FROM license.licenses l JOIN license.products p ON p.id = l.product_id";
    /** Columns of the licenses row alone, for RETURNING (the product code is joined in afterwards). */
    static final String SELECT = "SELECT " + COLUMNS + FROM;

    static License from(Row r) {
        return new License(r.getLong("id"), r.getString("key_hash"), r.getString("key_encrypted"), r.getString("key_scheme"),
                r.getString("key_hint"), r.getLong("product_id"), r.getString("product_code"), r.getLong("seller_id"),
                r.getLong("owner_account_id"), r.getString("type"), r.getString("license_class"), r.getString("privilege"),
                r.getString("term"), r.getInteger("duration_days"), LicenseStatus.valueOf(r.getString("status")),
                r.getInteger("max_devices"), r.getInteger("max_sessions"), Product.limits(r.getJsonObject("usage_limits")),
                strings(r.getJsonArray("domain_restrictions")), strings(r.getJsonArray("ip_restrictions")),
                r.getBoolean("auto_renew"), instant(r, "expires_at"), instant(r, "activated_at"), instant(r, "suspended_at"),
                r.getString("suspension_reason"), instant(r, "revoked_at"), r.getString("revocation_reason"),
                instant(r, "last_validated_at"), instant(r, "last_used_at"), r.getString("created_from_ip"),
                r.getString("notes"), instant(r, "key_replaced_at"), r.getUUID("batch_id"), instant(r, "created_at"),
                instant(r, "updated_at"));
    }

    /** What validation, device and session services read ({@code license:{id}:snapshot}). */
    public LicenseSnapshot toSnapshot() {
        return new LicenseSnapshot(id, productId, productCode, sellerId, ownerAccountId, status.name(), type, privilege, term,
                maxDevices, maxSessions, expiresAt, usageLimits, domainRestrictions, ipRestrictions);
    }

    /** Seller of the product, its owner, or an admin ({@link LicenseAccess#mayUse}). */
    public boolean visibleTo(Caller c) {
        return LicenseAccess.mayUse(c, id, sellerId, ownerAccountId);
    }

    /** Seller of the product or an admin ({@link LicenseAccess#mayManage}). */
    public boolean manageableBy(Caller c) {
        return LicenseAccess.mayManage(c, sellerId);
    }

    static Instant instant(Row r, String column) {
        OffsetDateTime t = r.getOffsetDateTime(column);
        return t == null ? null : t.toInstant();
    }

    static List<String> strings(JsonArray a) {
        List<String> l = new ArrayList<>();
        if (a != null) {
            a.forEach(v -> l.add(String.valueOf(v)));
        }
        return l;
    }
}
