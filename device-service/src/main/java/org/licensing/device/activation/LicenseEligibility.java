package org.licensing.device.activation;

import java.time.Instant;

import org.licensing.common.licenses.LicenseSnapshot;
import org.licensing.common.licenses.LicenseUsability;
import org.licensing.common.problem.ProblemException;
import org.licensing.device.DeviceCodes;

/**
 * Whether a device may be bound to a license right now: of the requested product and usable
 * ({@link LicenseUsability}, the rule every service shares), each refusal in device-service's codes.
 */
public final class LicenseEligibility {

    private LicenseEligibility() {}

    public static void check(LicenseSnapshot license, Instant now, Long productId, String productCode) {
        if (license == null) {
            throw ProblemException.notFound(DeviceCodes.LICENSE_NOT_FOUND, "No such license");
        }
        if (productId != null && productId != license.productId()
                || productCode != null && !productCode.equalsIgnoreCase(license.productCode())) {
            throw ProblemException.conflict(DeviceCodes.PRODUCT_MISMATCH, "The license is not for this product");
        }
        switch (LicenseUsability.at(license, now)) {
            case USABLE -> { }
            case LAPSED -> throw ProblemException.conflict(DeviceCodes.LICENSE_EXPIRED, "The license expired at " + license.expiresAt())
                    .withExtension("expires_at", license.expiresAt().toString());
            case SUSPENDED -> throw ProblemException.conflict(DeviceCodes.LICENSE_SUSPENDED, "The license is suspended");
            case EXPIRED -> throw ProblemException.conflict(DeviceCodes.LICENSE_EXPIRED, "The license has expired");
            case REVOKED -> throw ProblemException.conflict(DeviceCodes.LICENSE_REVOKED, "The license was revoked");
            case UPGRADED -> throw ProblemException.conflict(DeviceCodes.LICENSE_UPGRADED,
                    "The license was upgraded; activate the new license");
            default -> {
                String status = license.status() == null ? "" : license.status();
                throw ProblemException.conflict(DeviceCodes.LICENSE_NOT_ACTIVE,
                        "The license is not active (status " + status + ")").withExtension("license_status", status);
            }
        }
    }
}
