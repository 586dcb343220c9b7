package org.licensing.license.legacy;

import org.licensing.license.validation.ValidationCodes;

/**
 * Maps a validation code onto the legacy verify_key answer. {@code success} means what requirement
 * 000's {@code app_users} table meant: this device is registered (bound, not blocked) for a usable
 * key. A key never redeemed, or a device not bound (yet), is an {@code error}: the client registers
 * the device with {@code register_user.php} and asks again. A device not bound to a full license
 * answers {@code TOO_MANY_DEVICES}, so the client can tell the user why registering would fail.
 */
public final class LegacyVerdicts {

    private LegacyVerdicts() {}

    /** {@code freeSlot} matters only for DEVICE_NOT_ACTIVATED. */
    public static LegacyAnswer answer(String code, String detail, boolean freeSlot) {
        return switch (code) {
            case ValidationCodes.VALID -> LegacyAnswer.success("License key is valid.", code);
            case ValidationCodes.DEVICE_NOT_ACTIVATED -> freeSlot
                    ? LegacyAnswer.error("This device is not registered for this key.", code)
                    : LegacyAnswer.error("Device limit reached for this key.", ValidationCodes.TOO_MANY_DEVICES);
            case ValidationCodes.NOT_ACTIVATED -> LegacyAnswer.error("This license key has not been activated.", code);
            case ValidationCodes.SUSPENDED -> LegacyAnswer.blocked("This license key is suspended.", code);
            case ValidationCodes.REVOKED -> LegacyAnswer.blocked("This license key has been revoked.", code);
            case ValidationCodes.DEVICE_BLOCKED -> LegacyAnswer.blocked("Your access has been blocked.", code);
            case ValidationCodes.EXPIRED -> LegacyAnswer.error("This license key has expired.", code);
            case ValidationCodes.MALFORMED_KEY, ValidationCodes.NOT_FOUND -> LegacyAnswer.error("Invalid license key.", code);
            default -> LegacyAnswer.error(detail, code);
        };
    }
}
