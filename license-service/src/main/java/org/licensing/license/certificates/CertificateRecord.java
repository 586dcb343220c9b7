package org.licensing.license.certificates;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.vertx.mutiny.sqlclient.Row;

/** One issued certificate as recorded in {@code license.certificates} (listed to the license's people). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CertificateRecord(UUID id, long licenseId, long deviceRowId, String deviceId, String hwidHash, String keyId,
        Instant issuedAt, Instant notAfter, String issuedVia, Long issuedByAccountId, Instant revokedAt,
        Long revokedByAccountId, String revokedReason, String status) {

    static final String COLUMNS = "id, license_id, device_row_id, device_id, hwid_hash, key_id, issued_at, not_after,"
            + " issued_via, issued_by_account_id, revoked_at, revoked_by_account_id, revoked_reason";

    static CertificateRecord from(Row r, Instant now) {
        Instant revokedAt = instant(r.getOffsetDateTime("revoked_at"));
        Instant notAfter = instant(r.getOffsetDateTime("not_after"));
        return new CertificateRecord(r.getUUID("id"), r.getLong("license_id"), r.getLong("device_row_id"),
                r.getString("device_id"), r.getString("hwid_hash").trim(), r.getString("key_id"),
                instant(r.getOffsetDateTime("issued_at")), notAfter, r.getString("issued_via"),
                r.getLong("issued_by_account_id"), revokedAt, r.getLong("revoked_by_account_id"),
                r.getString("revoked_reason"), CertificateRules.status(revokedAt, notAfter, now));
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
