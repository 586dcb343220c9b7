package org.licensing.license.metering;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.licensing.common.auth.Caller;
import org.licensing.common.licenses.LicenseSnapshot;

/**
 * @deprecated The caller is {@link Caller} and the rule is {@code common/auth/LicenseAccess}; this
 * adapter only remains for {@code webhooks/WebhookEndpointResource} (being reworked in parallel)
 * and goes once that resource takes {@link Caller}. It holds no rule of its own.
 */
@Deprecated(forRemoval = true)
public record LicenseAccess(long accountId, String role) {

    public static LicenseAccess of(JsonWebToken jwt) {
        Caller c = Caller.of(jwt);
        return new LicenseAccess(c.accountId(), c.role());
    }

    private Caller caller() {
        return new Caller(accountId, role);
    }

    public boolean isAdmin() {
        return caller().isAdmin();
    }

    public boolean isSeller() {
        return caller().isSeller();
    }

    public boolean canManage(LicenseSnapshot l) {
        return org.licensing.common.auth.LicenseAccess.mayManage(caller(), l);
    }

    public boolean canUse(LicenseSnapshot l) {
        return org.licensing.common.auth.LicenseAccess.mayUse(caller(), l);
    }

    public LicenseSnapshot requireUse(LicenseSnapshot l, long licenseId) {
        return org.licensing.common.auth.LicenseAccess.requireUse(caller(), l, licenseId);
    }

    public LicenseSnapshot requireManage(LicenseSnapshot l, long licenseId) {
        return org.licensing.common.auth.LicenseAccess.requireManage(caller(), l, licenseId);
    }
}
