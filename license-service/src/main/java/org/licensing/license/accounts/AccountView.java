package org.licensing.license.accounts;

import java.time.Instant;

/** An account as shown to itself and to admins: never the password hash. */
public record AccountView(long id, String username, String email, String role, String sellerName, boolean suspended,
        String suspensionReason, Instant suspendedAt, Instant suspendedUntil, Instant lastLoginAt, String lastIpAddress,
        String lastUserAgent, int hwidResetCount, Instant hwidLastResetAt, Instant createdAt, Instant emailVerifiedAt,
        boolean twoFactorEnabled, boolean passwordChangeRequired) {

    public static AccountView of(Account a) {
        return new AccountView(a.id(), a.username(), a.email(), a.role(), a.sellerName(), a.suspended(),
                a.suspensionReason(), a.suspendedAt(), a.suspendedUntil(), a.lastLoginAt(), a.lastIpAddress(),
                a.lastUserAgent(), a.hwidResetCount(), a.hwidLastResetAt(), a.createdAt(), a.emailVerifiedAt(),
                a.twoFactorEnabled(), a.mustChangePassword());
    }
}
