package org.licensing.license.legacy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.licensing.license.validation.ValidationCodes;

/** verify_key answers success for a bound, unblocked device of a usable license and for nothing else. */
class LegacyVerdictsTest {

    @Test
    void successOnlyForValid() {
        for (String code : new String[] { ValidationCodes.MALFORMED_KEY, ValidationCodes.NOT_FOUND, ValidationCodes.NOT_ACTIVATED,
                ValidationCodes.SUSPENDED, ValidationCodes.REVOKED, ValidationCodes.UPGRADED, ValidationCodes.EXPIRED,
                ValidationCodes.PRODUCT_MISMATCH, ValidationCodes.DEVICE_NOT_ACTIVATED, ValidationCodes.DEVICE_BLOCKED,
                ValidationCodes.USAGE_LIMIT_EXCEEDED }) {
            for (boolean freeSlot : new boolean[] { true, false }) {
                String status = LegacyVerdicts.answer(code, "d", freeSlot).status();
                assertEquals(false, "success".equals(status), code + " free=" + freeSlot + " answered " + status);
            }
        }
        assertEquals("success", LegacyVerdicts.answer(ValidationCodes.VALID, "d", false).status());
    }

    @Test
    void unboundDeviceTellsRegisterFromFull() {
        assertEquals("DEVICE_NOT_ACTIVATED", LegacyVerdicts.answer(ValidationCodes.DEVICE_NOT_ACTIVATED, "d", true).code());
        assertEquals("TOO_MANY_DEVICES", LegacyVerdicts.answer(ValidationCodes.DEVICE_NOT_ACTIVATED, "d", false).code());
        assertEquals("blocked", LegacyVerdicts.answer(ValidationCodes.DEVICE_BLOCKED, "d", true).status());
    }
}
