package org.licensing.device.legacy;

import java.util.LinkedHashMap;
import java.util.Map;

import org.licensing.common.problem.ProblemCodes;
import org.licensing.common.problem.ProblemException;
import org.licensing.device.DeviceCodes;

/** Maps activation outcomes onto requirement 000/001's {@code {"status", "message"}} answers. */
public final class LegacyAnswers {

    private LegacyAnswers() {}

    public static Map<String, Object> answer(String status, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", status);
        m.put("message", message);
        return m;
    }

    /** Null when the form is acceptable, else the message of an error answer. */
    public static String checkInput(String licenseKey, String deviceId, String userName) {
        if (licenseKey == null || licenseKey.isBlank() || deviceId == null || deviceId.isBlank()) {
            return "Key and Device ID are required.";
        }
        if (deviceId.trim().length() > 255 || !deviceId.trim().matches("^[\\x21-\\x7E]+$")) {
            return "Invalid device ID.";
        }
        if (userName != null && userName.length() > 255) {
            return "User name is too long.";
        }
        return null;
    }

    public static Map<String, Object> refusal(ProblemException p) {
        String code = p.code() == null ? "" : p.code();
        return switch (code) {
            case DeviceCodes.DEVICE_BLOCKED -> answer("blocked", "Your access has been blocked.");
            case DeviceCodes.DEVICE_LIMIT_REACHED -> answer("error", "Device limit reached for this license key.");
            // register_user.php carries no hwid: a device bound with one cannot be taken over through it.
            case DeviceCodes.HWID_REQUIRED, DeviceCodes.HWID_MISMATCH -> answer("error",
                    "This device is registered with a hardware id; register it from the application.");
            case DeviceCodes.LICENSE_NOT_FOUND, ProblemCodes.MALFORMED_KEY -> answer("error", "Invalid license key.");
            case DeviceCodes.LICENSE_SUSPENDED -> answer("blocked", "This license key is suspended.");
            case DeviceCodes.LICENSE_REVOKED -> answer("blocked", "This license key has been revoked.");
            case DeviceCodes.LICENSE_EXPIRED -> answer("error", "This license key has expired.");
            case DeviceCodes.LICENSE_NOT_ACTIVE, DeviceCodes.LICENSE_UPGRADED -> answer("error", "This license key is not active.");
            default -> answer("error", p.getMessage() == null ? "Registration failed." : p.getMessage());
        };
    }
}
