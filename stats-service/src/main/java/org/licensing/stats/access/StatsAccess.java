package org.licensing.stats.access;

/**
 * Who may read which statistics and events. An administrator reads everything; a seller reads the
 * licenses it sells (license seller or product seller), their devices, and the accounts of the customers
 * holding them; a customer reads only its own account and the licenses it owns.
 */
public final class StatsAccess {

    /** Ownership of one license as read from license.licenses / license.products. */
    public record LicenseOwnership(long licenseId, long sellerId, long productSellerId, Long ownerAccountId) {}

    private StatsAccess() {}

    public static boolean canReadLicense(Caller caller, LicenseOwnership license) {
        if (caller.isAdmin()) {
            return true;
        }
        if (caller.isSeller()) {
            return license.sellerId() == caller.accountId() || license.productSellerId() == caller.accountId();
        }
        return caller.isCustomer() && license.ownerAccountId() != null
                && license.ownerAccountId() == caller.accountId();
    }

    /** {@code sellerServesAccount}: the account holds a license of this seller (looked up only for sellers). */
    public static boolean canReadAccount(Caller caller, long accountId, boolean sellerServesAccount) {
        if (caller.isAdmin() || caller.accountId() == accountId) {
            return true;
        }
        return caller.isSeller() && sellerServesAccount;
    }

    public static boolean canReadGlobal(Caller caller) {
        return caller.isAdmin();
    }
}
