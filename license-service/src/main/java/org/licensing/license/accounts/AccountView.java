package org.licensing.license.accounts;

import java.time.Instant;

/**
 * An account as shown to itself and to admins: never the password hash. HWID reset counts are
 * device-service's ({@code device.hwid_resets}), not shown here.
 */
public record AccountView(long id, String username, String email, String role, String sellerName, boolean suspended,
        String suspensionReason, Instant suspendedAt, Instant suspendedUntil, Instant lastLoginAt, String lastIpAddress,
        String lastUserAgent, Instant createdAt, Instant emailVerifiedAt,
        boolean twoFactorEnabled, boolean passwordChangeRequired) {

    public static AccountView of(Account a) {
        return new AccountView(a.id(), a.username(), a.email(), a.role(), a.sellerName(), a.suspended(),
                a.suspensionReason(), a.suspendedAt(), a.suspendedUntil(), a.lastLoginAt(), a.lastIpAddress(),
                a.lastUserAgent(), a.createdAt(), a.emailVerifiedAt(),
                a.twoFactorEnabled(), a.mustChangePassword());
    }
}
