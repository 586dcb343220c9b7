package org.licensing.license.legacy;

import org.licensing.license.validation.ValidationCodes;

/**
 * Maps a validation code onto the legacy verify_key answer. A key whose device is not bound yet
 * is still "success" while the license has a free device slot, because the old client calls
 * verify_key before register_user binds the device; a full license answers "error".
 */
public final class LegacyVerdicts {

    private LegacyVerdicts() {}

    /** {@code freeSlot} matters only for DEVICE_NOT_ACTIVATED and NOT_ACTIVATED. */
    public static LegacyAnswer answer(String code, String detail, boolean freeSlot) {
        return switch (code) {
            case ValidationCodes.VALID -> LegacyAnswer.success("License key is valid.", code);
            case ValidationCodes.NOT_ACTIVATED, ValidationCodes.DEVICE_NOT_ACTIVATED -> freeSlot
                    ? LegacyAnswer.success("License key is valid. Register this device to continue.", code)
                    : LegacyAnswer.error("Device limit reached for this key.", ValidationCodes.TOO_MANY_DEVICES);
            case ValidationCodes.SUSPENDED -> LegacyAnswer.blocked("This license key is suspended.", code);
            case ValidationCodes.REVOKED -> LegacyAnswer.blocked("This license key has been revoked.", code);
            case ValidationCodes.DEVICE_BLOCKED -> LegacyAnswer.blocked("Your access has been blocked.", code);
            case ValidationCodes.EXPIRED -> LegacyAnswer.error("This license key has expired.", code);
            case ValidationCodes.MALFORMED_KEY, ValidationCodes.NOT_FOUND -> LegacyAnswer.error("Invalid license key.", code);
            default -> LegacyAnswer.error(detail, code);
        };
    }
}
