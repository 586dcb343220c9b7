package org.licensing.sdk;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The one error type of the SDK. A refusal carries the platform's problem ({@code code},
 * {@code status}, {@code detail} and its extensions, e.g. {@code max_devices}); a network failure
 * has {@code kind = NETWORK}, {@code code = NETWORK_ERROR} and {@code status = 0}.
 */
public class LicensingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public static final String NETWORK_ERROR = "NETWORK_ERROR";
    public static final String SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE";

    private final ErrorKind kind;
    private final String code;
    private final int status;
    private final String detail;
    private final transient Duration retryAfter;
    private final transient Map<String, Object> problem;

    public LicensingException(ErrorKind kind, String code, int status, String detail, Duration retryAfter,
            Map<String, Object> problem, Throwable cause) {
        super(code + (status > 0 ? " (" + status + ")" : "") + (detail == null ? "" : ": " + detail), cause);
        this.kind = kind;
        this.code = code;
        this.status = status;
        this.detail = detail;
        this.retryAfter = retryAfter;
        this.problem = problem == null ? Map.of() : Map.copyOf(withoutNulls(problem));
    }

    /** A failure to get any answer. */
    public static LicensingException network(String detail, Throwable cause) {
        return new LicensingException(ErrorKind.NETWORK, NETWORK_ERROR, 0, detail, null, null, cause);
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> m) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (k != null && v != null) {
                out.put(k, v);
            }
        });
        return out;
    }

    public ErrorKind kind() {
        return kind;
    }

    /** The problem's stable machine code ({@code DEVICE_LIMIT_REACHED}, {@code RATE_LIMITED}, ...). */
    public String code() {
        return code;
    }

    /** The HTTP status; 0 when there was no answer. */
    public int status() {
        return status;
    }

    public String detail() {
        return detail;
    }

    /** The server's {@code Retry-After}, when it sent one. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** The whole problem document (empty for network failures and non-problem answers). */
    public Map<String, Object> problem() {
        return problem;
    }

    /** True when the platform could not be reached (network failure, 502/503/504). */
    public boolean isUnreachable() {
        return kind.unreachable();
    }

    public boolean isNetworkFailure() {
        return kind == ErrorKind.NETWORK;
    }
}
