package org.licensing.common.problem;

/**
 * Machine codes of the problems every service can answer (from common), listed with each service's
 * own codes class in docs/error-codes.md. They are the API contract: never rename one.
 */
public final class ProblemCodes {
    public static final String VALIDATION_FAILED = "VALIDATION_FAILED";
    public static final String MALFORMED_JSON = "MALFORMED_JSON";
    public static final String MALFORMED_FORM = "MALFORMED_FORM";
    public static final String BODY_TOO_LARGE = "BODY_TOO_LARGE";
    public static final String UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE";
    public static final String NOT_FOUND = "NOT_FOUND";
    public static final String METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED";
    public static final String NOT_ACCEPTABLE = "NOT_ACCEPTABLE";
    public static final String UNAUTHORIZED = "UNAUTHORIZED";
    public static final String FORBIDDEN = "FORBIDDEN";
    public static final String CONFLICT = "CONFLICT";
    public static final String RATE_LIMITED = "RATE_LIMITED";
    public static final String IP_BLOCKED = "IP_BLOCKED";
    public static final String SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE";
    public static final String INTERNAL_ERROR = "INTERNAL_ERROR";

    /** 401 code for no token, or a token that is not a person's access token. */
    public static final String ACCESS_TOKEN_REQUIRED = "ACCESS_TOKEN_REQUIRED";
    public static final String PASSWORD_CHANGE_REQUIRED = "PASSWORD_CHANGE_REQUIRED";
    public static final String TWO_FACTOR_REQUIRED = "TWO_FACTOR_REQUIRED";
    public static final String INVALID_IDEMPOTENCY_KEY = "INVALID_IDEMPOTENCY_KEY";
    public static final String MALFORMED_BODY = "MALFORMED_BODY";
    public static final String IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED";
    public static final String IDEMPOTENCY_IN_PROGRESS = "IDEMPOTENCY_IN_PROGRESS";
    public static final String MALFORMED_KEY = "MALFORMED_KEY";
    public static final String LICENSE_NOT_FOUND = "LICENSE_NOT_FOUND";

    private ProblemCodes() {}
}
