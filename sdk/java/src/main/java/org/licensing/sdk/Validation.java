package org.licensing.sdk;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.licensing.sdk.internal.Values;

/**
 * A validation verdict. {@code grace} is true when the platform could not be reached and this is
 * the last good verdict of the same request, standing until {@code graceEndsAt}.
 */
public record Validation(boolean valid, ValidationCode code, String rawCode, String detail, Long licenseId, Long productId,
        String status, Instant expiresAt, Long deviceRowId, Map<String, Object> limits, Map<String, Object> usage,
        Instant checkedAt, boolean grace, Instant graceEndsAt) {

    static Validation fromAnswer(Map<String, Object> b, Instant now) {
        String raw = Values.str(b, "code");
        return new Validation(Values.bool(b, "valid"), ValidationCode.of(raw), raw, Values.str(b, "detail"),
                Values.lng(b, "license_id"), Values.lng(b, "product_id"), Values.str(b, "status"),
                Values.instant(b, "expires_at"), Values.lng(b, "device_row_id"), mapOrEmpty(Values.obj(b, "limits")),
                mapOrEmpty(Values.obj(b, "usage")), now, false, null);
    }

    private static Map<String, Object> mapOrEmpty(Map<String, Object> m) {
        return m == null ? Map.of() : m;
    }

    /** This verdict standing in for the platform while it cannot be reached. */
    Validation onGrace(Instant until) {
        return new Validation(valid, code, rawCode, detail, licenseId, productId, status, expiresAt, deviceRowId, limits,
                usage, checkedAt, true, until);
    }

    /** The form kept in the store (snake_case, like the platform's answer, plus checked_at_ms). */
    Map<String, Object> toStored() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("valid", valid);
        m.put("code", rawCode);
        m.put("detail", detail);
        m.put("license_id", licenseId);
        m.put("product_id", productId);
        m.put("status", status);
        m.put("expires_at", expiresAt == null ? null : expiresAt.toString());
        m.put("device_row_id", deviceRowId);
        m.put("limits", limits);
        m.put("usage", usage);
        m.put("checked_at_ms", checkedAt.toEpochMilli());
        return m;
    }

    static Validation fromStored(Map<String, Object> m) {
        Long at = Values.lng(m, "checked_at_ms");
        return at == null ? null : fromAnswer(m, Instant.ofEpochMilli(at));
    }
}
