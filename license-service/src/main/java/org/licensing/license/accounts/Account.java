package org.licensing.license.accounts;

import java.time.Instant;
import java.time.OffsetDateTime;

import io.vertx.mutiny.sqlclient.Row;

/** A row of {@code license.accounts}. The password hash never leaves this class's package in a response. */
public record Account(long id, String username, String email, String passwordHash, String role, String sellerName,
        boolean suspended, String suspensionReason, Instant suspendedAt, Instant suspendedUntil, Instant lastLoginAt,
        String lastIpAddress, String lastUserAgent, Instant createdAt,
        Instant emailVerifiedAt, boolean mustChangePassword, Instant twoFactorConfirmedAt) {

    static final String COLUMNS = "id, username, email, password_hash, role, seller_name, is_suspended, suspension_reason,"
            + " suspended_at, suspended_until, last_login_at, last_ip_address, last_user_agent,"
            + " created_at, email_verified_at, must_change_password, two_factor_confirmed_at";

    static Account from(Row r) {
        return new Account(r.getLong("id"), r.getString("username"), r.getString("email"), r.getString("password_hash"),
                r.getString("role"), r.getString("seller_name"), r.getBoolean("is_suspended"),
                r.getString("suspension_reason"), instant(r, "suspended_at"), instant(r, "suspended_until"),
                instant(r, "last_login_at"), r.getString("last_ip_address"), r.getString("last_user_agent"),
                instant(r, "created_at"),
                instant(r, "email_verified_at"), r.getBoolean("must_change_password"), instant(r, "two_factor_confirmed_at"));
    }

    static Instant instant(Row r, String column) {
        OffsetDateTime t = r.getOffsetDateTime(column);
        return t == null ? null : t.toInstant();
    }

    public boolean emailVerified() {
        return emailVerifiedAt != null;
    }

    public boolean twoFactorEnabled() {
        return twoFactorConfirmedAt != null;
    }

    /** Suspended right now (a suspension whose end has passed no longer counts, even before the job lifts it). */
    public boolean isSuspendedAt(Instant now) {
        return suspended && (suspendedUntil == null || suspendedUntil.isAfter(now));
    }
}
