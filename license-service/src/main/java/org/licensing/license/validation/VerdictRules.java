package org.licensing.license.validation;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.licensing.common.licenses.LicenseSnapshot;
import org.licensing.common.licenses.LicenseUsability;
import org.licensing.license.metering.UsageLimits;

/**
 * The validation decision, in a fixed and documented order (docs/license-validation.md):
 * key format (checked by the caller before any look-up), existence, status, expiry, product,
 * domain, IP, device, usage. Pure: everything it needs is passed in.
 */
public final class VerdictRules {

    public record Outcome(String code, String detail) {
        public boolean valid() {
            return ValidationCodes.VALID.equals(code);
        }
    }

    /** The facts of one validation. {@code usage} may be empty; {@code device} NOT_REQUESTED skips that check. */
    public record Facts(LicenseSnapshot license, String product, String domain, String ip, DeviceState device,
            List<UsageLimits.Reading> usage, Instant now) {}

    private VerdictRules() {}

    public static Outcome malformed(String why) {
        return new Outcome(ValidationCodes.MALFORMED_KEY, why);
    }

    /** Checks up to, but not including, the device and usage (they need further look-ups). */
    public static Outcome licenseChecks(Facts f) {
        LicenseSnapshot l = f.license();
        if (l == null) {
            return new Outcome(ValidationCodes.NOT_FOUND, "No license has this key");
        }
        switch (LicenseUsability.at(l, f.now())) {
            case USABLE:
                break;
            case SUSPENDED:
                return new Outcome(ValidationCodes.SUSPENDED, "The license is suspended");
            case REVOKED:
                return new Outcome(ValidationCodes.REVOKED, "The license has been revoked");
            case UPGRADED:
                return new Outcome(ValidationCodes.UPGRADED, "The license was replaced by an upgrade");
            case EXPIRED:
                return new Outcome(ValidationCodes.EXPIRED, "The license has expired");
            case LAPSED:
                return new Outcome(ValidationCodes.EXPIRED, "The license expired at " + l.expiresAt());
            default:
                // UNUSED, and a status this version does not know: never VALID.
                return new Outcome(ValidationCodes.NOT_ACTIVATED, "The license has not been activated yet");
        }
        if (f.product() != null && !f.product().isBlank() && !productMatches(l, f.product().trim())) {
            return new Outcome(ValidationCodes.PRODUCT_MISMATCH, "The license is not for product " + f.product().trim());
        }
        if (!HostPatterns.allowed(l.domainRestrictions(), f.domain())) {
            return new Outcome(ValidationCodes.DOMAIN_NOT_ALLOWED, f.domain() == null || f.domain().isBlank()
                    ? "The license is restricted to domains; name the domain"
                    : "The license is not valid on domain " + f.domain().trim());
        }
        if (!IpRules.allowed(l.ipRestrictions(), f.ip())) {
            return new Outcome(ValidationCodes.IP_NOT_ALLOWED, "The license is not valid from address " + f.ip());
        }
        return null;
    }

    /** The whole decision. */
    public static Outcome decide(Facts f) {
        Outcome early = licenseChecks(f);
        if (early != null) {
            return early;
        }
        if (f.device() == DeviceState.NOT_BOUND) {
            return new Outcome(ValidationCodes.DEVICE_NOT_ACTIVATED, "The device is not activated for this license");
        }
        if (f.device() == DeviceState.BLOCKED) {
            return new Outcome(ValidationCodes.DEVICE_BLOCKED, "The device is blocked");
        }
        UsageLimits.Reading exhausted = f.usage() == null ? null : UsageLimits.firstExhausted(f.usage());
        if (exhausted != null) {
            return new Outcome(ValidationCodes.USAGE_LIMIT_EXCEEDED, "Usage limit " + exhausted.counter().limitKey()
                    + " (" + exhausted.counter().limit() + ") is used up"
                    + (exhausted.counter().resetsAt() == null ? "" : " until " + exhausted.counter().resetsAt()));
        }
        return new Outcome(ValidationCodes.VALID, "The license is valid");
    }

    /** A product is named by id (digits) or by code (case-insensitive). */
    public static boolean productMatches(LicenseSnapshot l, String product) {
        if (product.chars().allMatch(Character::isDigit)) {
            try {
                return Long.parseLong(product) == l.productId();
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return l.productCode() != null && l.productCode().toUpperCase(Locale.ROOT).equals(product.toUpperCase(Locale.ROOT));
    }
}
