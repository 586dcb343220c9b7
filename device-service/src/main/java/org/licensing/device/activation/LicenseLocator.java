package org.licensing.device.activation;

import jakarta.enterprise.context.ApplicationScoped;

import org.licensing.common.keys.LicenseKeyHasher;
import org.licensing.common.licenses.LicenseSnapshot;
import org.licensing.common.licenses.LicenseSnapshots;
import org.licensing.common.problem.ProblemException;
import org.licensing.device.DeviceCodes;
import org.licensing.common.auth.Caller;
import org.licensing.device.access.LicenseAccess;

import io.smallrye.mutiny.Uni;

/**
 * Finds the license an activation names. A key is proof enough (a client application activates with
 * the key alone, like every licensing product); a license id needs a token of someone who may manage it.
 */
@ApplicationScoped
public class LicenseLocator {

    private final LicenseSnapshots licenses;
    private final LicenseKeyHasher hasher;

    public LicenseLocator(LicenseSnapshots licenses, LicenseKeyHasher hasher) {
        this.licenses = licenses;
        this.hasher = hasher;
    }

    /** Malformed keys fail with 400 MALFORMED_KEY before any look-up. */
    public Uni<LicenseSnapshot> byKey(String rawKey, String field) {
        String hash = hasher.hash(hasher.parseOrReject(rawKey, field));
        return licenses.byKeyHash(hash).onItem().ifNull()
                .failWith(() -> ProblemException.notFound(DeviceCodes.LICENSE_NOT_FOUND, "No license has this key"));
    }

    /** The license, if the caller may manage it; 404 otherwise, so ids of others' licenses reveal nothing. */
    public Uni<LicenseSnapshot> managedBy(long licenseId, Caller caller) {
        return licenses.byId(licenseId).map(l -> {
            if (l == null || !LicenseAccess.canManage(caller, l)) {
                throw ProblemException.notFound(DeviceCodes.LICENSE_NOT_FOUND, "No such license");
            }
            return l;
        });
    }
}
