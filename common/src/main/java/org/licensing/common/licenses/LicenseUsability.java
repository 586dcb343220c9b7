package org.licensing.common.licenses;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * "Can this license be used right now?": the one rule behind device activation, session start and
 * validation (the heartbeat script repeats it in Lua; {@code HeartbeatStatusRuleTest} keeps the two
 * equal). Each service maps the verdict to its own problem codes, which are part of its API.
 * Pure: the snapshot and the clock are passed in.
 */
public final class LicenseUsability {

    /** Why a license can or cannot be used; {@link #LAPSED} is ACTIVE but past its expiry date. */
    public enum Verdict {
        USABLE, NOT_FOUND, NOT_ACTIVATED, SUSPENDED, EXPIRED, LAPSED, REVOKED, UPGRADED, UNKNOWN_STATUS;

        public boolean usable() {
            return this == USABLE;
        }
    }

    /** The statuses in which a license may be used (if not past its expiry). */
    public static final Set<LicenseStatus> USABLE_STATUSES = Set.copyOf(EnumSet.of(LicenseStatus.ACTIVE));

    private LicenseUsability() {}

    public static Verdict at(LicenseSnapshot license, Instant now) {
        if (license == null) {
            return Verdict.NOT_FOUND;
        }
        LicenseStatus status = LicenseStatus.parse(license.status());
        if (status == null) {
            return Verdict.UNKNOWN_STATUS;
        }
        return switch (status) {
            case ACTIVE -> license.isExpiredAt(now) ? Verdict.LAPSED : Verdict.USABLE;
            case UNUSED -> Verdict.NOT_ACTIVATED;
            case SUSPENDED -> Verdict.SUSPENDED;
            case EXPIRED -> Verdict.EXPIRED;
            case REVOKED -> Verdict.REVOKED;
            case UPGRADED -> Verdict.UPGRADED;
        };
    }
}
