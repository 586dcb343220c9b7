package org.licensing.stats.access;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.licensing.common.auth.Caller;
import org.licensing.common.auth.LicenseAccess;
import org.licensing.common.problem.ProblemException;

/**
 * Who may read which statistics and events. An administrator reads everything; a seller reads the
 * licenses it sells (license seller or product seller), their devices, and the accounts of the customers
 * holding them; a customer reads only its own account and the licenses it owns.
 */
public final class StatsAccess {

    /** Ownership of one license as read from license-service's read view license_owners. */
    public record LicenseOwnership(long licenseId, long sellerId, long productSellerId, Long ownerAccountId) {}

    private StatsAccess() {}

    /** The caller of a statistics endpoint: a person's access token with a role (403 without one). */
    public static Caller caller(JsonWebToken jwt) {
        Caller caller = Caller.of(jwt);
        if (caller.role() == null) {
            throw ProblemException.forbidden("Statistics are for administrators, sellers and customers");
        }
        return caller;
    }

    /**
     * The common rule ({@link LicenseAccess#mayUse}); the product's seller is named too because
     * stats reads both columns (issuing always makes them the same account).
     */
    public static boolean canReadLicense(Caller caller, LicenseOwnership license) {
        return LicenseAccess.mayUse(caller, license.licenseId(), license.sellerId(), license.ownerAccountId())
                || LicenseAccess.mayManage(caller, license.productSellerId());
    }

    /** {@code sellerServesAccount}: the account holds a license of this seller (looked up only for sellers). */
    public static boolean canReadAccount(Caller caller, long accountId, boolean sellerServesAccount) {
        if (caller.isAdmin() || caller.accountId() == accountId) {
            return true;
        }
        return caller.isSeller() && sellerServesAccount;
    }

    /** A seller's figures across all its licenses: the seller itself or an admin. */
    public static boolean canReadSeller(Caller caller, long sellerId) {
        return caller.isAdmin() || caller.isSeller() && caller.accountId() == sellerId;
    }

    public static boolean canReadGlobal(Caller caller) {
        return caller.isAdmin();
    }
}
