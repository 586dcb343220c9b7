package org.licensing.license.requests;

import java.time.Instant;
import java.time.OffsetDateTime;

import io.vertx.mutiny.sqlclient.Row;

/** A customer's extension or transfer request and the seller's decision. */
public record LicenseRequest(long id, long licenseId, long sellerId, String kind, String status, long requestedBy,
        Long targetAccountId, Integer days, String message, Long decidedBy, String decisionNote, Instant decidedAt,
        Instant createdAt) {

    static final String COLUMNS = "id, license_id, seller_id, kind, status, requested_by, target_account_id, days, message,"
            + " decided_by, decision_note, decided_at, created_at";

    static LicenseRequest from(Row r) {
        return new LicenseRequest(r.getLong("id"), r.getLong("license_id"), r.getLong("seller_id"), r.getString("kind"),
                r.getString("status"), r.getLong("requested_by"), r.getLong("target_account_id"), r.getInteger("days"),
                r.getString("message"), r.getLong("decided_by"), r.getString("decision_note"), instant(r.getOffsetDateTime("decided_at")),
                instant(r.getOffsetDateTime("created_at")));
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
