package org.licensing.common.problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.ws.rs.core.Response;

/** Builds RFC 9457 problem+json responses. */
public final class Problem {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://licensing.dev/problems/";

    private Problem() {}

    public static Response response(ProblemException e) {
        Response.ResponseBuilder rb = Response.status(e.status()).type(MEDIA_TYPE).entity(body(e));
        e.headers().forEach(rb::header);
        return rb.build();
    }

    public static Response response(int status, String code, String detail) {
        return Response.status(status).type(MEDIA_TYPE).entity(body(status, code, detail, List.of())).build();
    }

    /** The body of a refusal, extensions included (for handlers that write the response themselves). */
    public static Map<String, Object> body(ProblemException e) {
        Map<String, Object> body = body(e.status(), e.code(), e.getMessage(), e.fieldErrors());
        e.extensions().forEach(body::putIfAbsent);
        return body;
    }

    public static Map<String, Object> body(int status, String code, String detail,
            List<ProblemException.FieldError> fieldErrors) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_BASE + code.toLowerCase(Locale.ROOT).replace('_', '-'));
        Response.Status s = Response.Status.fromStatusCode(status);
        body.put("title", s != null ? s.getReasonPhrase() : "Error");
        body.put("status", status);
        body.put("detail", detail);
        body.put("code", code);
        if (!fieldErrors.isEmpty()) {
            body.put("errors", fieldErrors);
        }
        return body;
    }
}
