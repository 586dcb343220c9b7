package org.licensing.license.licenses;

/** License states of requirement 003 (DESIGN section 2). */
public enum LicenseStatus {
    UNUSED, ACTIVE, SUSPENDED, EXPIRED, UPGRADED, REVOKED
}
