package org.licensing.license.products;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.licensing.common.keys.LicenseKeyFormat;
import org.licensing.common.problem.ProblemException;
import org.licensing.license.licenses.Terms;

/** Input rules of license policies (product defaults and per-license values), plain and unit-tested. */
public final class PolicyRules {

    public static final List<String> PRIVILEGES = List.of("BASIC", "REGULAR", "ULTIMATE", "TESTER", "STAFF");
    public static final List<String> CLASSES = List.of("REGULAR", "EXTENDED", "DEVELOPER");
    public static final List<String> TYPES = List.of("BASE", "UPGRADE");
    private static final Pattern LIMIT_NAME = Pattern.compile("^[a-z][a-z0-9_]{0,63}$");
    /** Product codes are the TYPE part of checksummed keys, so letters only (LicenseKeyFormat: [A-Z]{2,16}). */
    public static final Pattern PRODUCT_CODE = Pattern.compile("^[A-Z]{2,16}$");
    public static final int MAX_DURATION_DAYS = 36500;
    public static final int MAX_DEVICES = 100000;

    private PolicyRules() {}

    public static String oneOf(String raw, List<String> allowed, String field, String fallback) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        String v = raw.trim().toUpperCase(Locale.ROOT);
        if (!allowed.contains(v)) {
            throw ProblemException.invalidField(field, "must be one of " + String.join(", ", allowed));
        }
        return v;
    }

    public static String term(String raw, String fallback) {
        return oneOf(raw, java.util.Arrays.stream(Terms.Term.values()).map(Enum::name).toList(), "term", fallback);
    }

    public static String keyScheme(String raw, String fallback) {
        return oneOf(raw, java.util.Arrays.stream(LicenseKeyFormat.Scheme.values()).map(Enum::name).toList(), "key_scheme",
                fallback);
    }

    public static String productCode(String raw) {
        String v = raw == null ? "" : raw.trim().toUpperCase(Locale.ROOT);
        if (!PRODUCT_CODE.matcher(v).matches()) {
            throw ProblemException.invalidField("code", "2 to 16 letters, e.g. API, SCRIPT, PLUGIN");
        }
        return v;
    }

    public static String name(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            throw ProblemException.invalidField(field, "is required");
        }
        if (raw.trim().length() > 255) {
            throw ProblemException.invalidField(field, "at most 255 characters");
        }
        return raw.trim();
    }

    public static Integer durationDays(Integer v, String field) {
        if (v != null && (v < 1 || v > MAX_DURATION_DAYS)) {
            throw ProblemException.invalidField(field, "must be 1 to " + MAX_DURATION_DAYS);
        }
        return v;
    }

    public static Integer maxDevices(Integer v, String field) {
        if (v != null && (v < 0 || v > MAX_DEVICES)) {
            throw ProblemException.invalidField(field, "must be 0 to " + MAX_DEVICES);
        }
        return v;
    }

    public static Integer maxSessions(Integer v, String field) {
        if (v != null && (v < 0 || v > MAX_DEVICES)) {
            throw ProblemException.invalidField(field, "must be 0 to " + MAX_DEVICES + " (omit for unlimited)");
        }
        return v;
    }

    /** Usage limits: name → non-negative whole number, e.g. {"api_calls_per_day": 10000, "bandwidth_bytes": 1e10}. */
    public static Map<String, Long> usageLimits(Map<String, Object> raw, String field) {
        if (raw == null) {
            return null;
        }
        if (raw.size() > 32) {
            throw ProblemException.invalidField(field, "at most 32 limits");
        }
        Map<String, Long> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : raw.entrySet()) {
            if (!LIMIT_NAME.matcher(e.getKey()).matches()) {
                throw ProblemException.invalidField(field + "." + e.getKey(), "limit names are lower_snake_case");
            }
            if (!(e.getValue() instanceof Number n) || n.doubleValue() < 0 || n.doubleValue() != Math.floor(n.doubleValue())
                    || n.doubleValue() > Long.MAX_VALUE) {
                throw ProblemException.invalidField(field + "." + e.getKey(), "must be a whole number 0 or more");
            }
            out.put(e.getKey(), n.longValue());
        }
        return out;
    }

    /** 1 basic, 2 regular, 3 ultimate, 4 tester, 5 staff (requirement 003 numbering): an upgrade must go up. */
    public static int privilegeRank(String privilege) {
        return PRIVILEGES.indexOf(privilege) + 1;
    }
}
