package org.licensing.common.problem;

import java.util.List;
import java.util.Map;

/**
 * A refusal the client can act on: becomes an RFC 9457 problem+json response with a stable
 * machine {@code code}. Throw it (or fail a Uni with it) from any layer.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String code;
    private final List<FieldError> fieldErrors;
    private final Map<String, Object> extensions;
    private final Map<String, String> headers;

    public ProblemException(int status, String code, String detail) {
        this(status, code, detail, List.of(), Map.of(), Map.of());
    }

    public ProblemException(int status, String code, String detail, List<FieldError> fieldErrors,
            Map<String, Object> extensions, Map<String, String> headers) {
        super(detail, null, false, false); // no stack trace: this is an answer, not a bug
        this.status = status;
        this.code = code;
        this.fieldErrors = List.copyOf(fieldErrors);
        this.extensions = Map.copyOf(extensions);
        this.headers = Map.copyOf(headers);
    }

    public static ProblemException badRequest(String code, String detail) {
        return new ProblemException(400, code, detail);
    }

    /** 400 naming the offending field. */
    public static ProblemException invalidField(String field, String message) {
        return new ProblemException(400, ProblemCodes.VALIDATION_FAILED, field + ": " + message,
                List.of(new FieldError(field, message)), Map.of(), Map.of());
    }

    public static ProblemException notFound(String code, String detail) {
        return new ProblemException(404, code, detail);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, ProblemCodes.FORBIDDEN, detail);
    }

    public static ProblemException conflict(String code, String detail) {
        return new ProblemException(409, code, detail);
    }

    public ProblemException withExtension(String name, Object value) {
        Map<String, Object> ext = new java.util.HashMap<>(extensions);
        ext.put(name, value);
        return new ProblemException(status, code, getMessage(), fieldErrors, ext, headers);
    }

    public ProblemException withHeader(String name, String value) {
        Map<String, String> h = new java.util.HashMap<>(headers);
        h.put(name, value);
        return new ProblemException(status, code, getMessage(), fieldErrors, extensions, h);
    }

    public int status() { return status; }
    public String code() { return code; }
    public List<FieldError> fieldErrors() { return fieldErrors; }
    public Map<String, Object> extensions() { return extensions; }
    public Map<String, String> headers() { return headers; }

    @io.quarkus.runtime.annotations.RegisterForReflection
    public record FieldError(String field, String message) {}
}
