package org.licensing.common.licenses;

/**
 * The states of a license (DESIGN section 2), one enum for every service: license-service stores
 * them, the others read them from snapshots. Transitions are license-service's
 * {@code LicenseStatusMachine}; whether a license may be used now is {@link LicenseUsability}.
 */
public enum LicenseStatus {
    UNUSED, ACTIVE, SUSPENDED, EXPIRED, UPGRADED, REVOKED;

    /** The status named by a snapshot or a row, or null for a name this version does not know. */
    public static LicenseStatus parse(String name) {
        if (name == null) {
            return null;
        }
        for (LicenseStatus s : values()) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }
}
