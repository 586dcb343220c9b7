package org.licensing.common.openapi;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which problem responses an operation can give without saying so: the rules the common filters
 * and mappers apply to every endpoint (see {@code common/.../problem} and {@code ratelimit}).
 */
public final class ProblemResponses {

    private ProblemResponses() {}

    /** Status -> description of the problems every operation of this shape may answer. */
    public static Map<String, String> expected(String path, boolean hasInput, boolean secured) {
        Map<String, String> out = new LinkedHashMap<>();
        if (hasInput) {
            out.put("400", describe("400"));
        }
        if (secured) {
            out.put("401", describe("401"));
            out.put("403", describe("403"));
        }
        if (path.contains("{")) {
            out.put("404", describe("404"));
        }
        out.put("429", describe("429"));   // RateLimitFilter counts every API request per IP
        out.put("503", describe("503"));   // a missing dependency (PostgreSQL, Redis)
        return out;
    }

    public static boolean isError(String status) {
        return status.length() == 3 && (status.charAt(0) == '4' || status.charAt(0) == '5')
                || "4XX".equalsIgnoreCase(status) || "5XX".equalsIgnoreCase(status);
    }

    public static String describe(String status) {
        return switch (status) {
            case "400" -> "VALIDATION_FAILED (the field is named in errors[]) or another bad-input code";
            case "401" -> "UNAUTHORIZED / ACCESS_TOKEN_REQUIRED: no valid token";
            case "403" -> "FORBIDDEN: the token's role or owner may not do this";
            case "404" -> "Not found (or not yours: no existence leak)";
            case "409" -> "Conflict with the current state";
            case "429" -> "RATE_LIMITED or IP_BLOCKED: too many requests (Retry-After)";
            case "500" -> "INTERNAL_ERROR";
            case "503" -> "SERVICE_UNAVAILABLE: a dependency is unreachable (Retry-After)";
            default -> "Problem";
        };
    }
}
