package org.licensing.common.problem;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.licensing.common.input.InputRefusedException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * Every error leaves as problem+json. Bad input is a 4xx naming the field; anything unexpected is
 * a 500 without a stack trace (logged here instead).
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return Problem.response(e);
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        List<ProblemException.FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            errors.add(new ProblemException.FieldError(fieldName(v.getPropertyPath()), v.getMessage()));
        }
        String detail = errors.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
        return Problem.response(new ProblemException(400, ProblemCodes.VALIDATION_FAILED, detail, errors,
                java.util.Map.of(), java.util.Map.of()));
    }

    /** A JSON value broke an input rule (NUL, control character, length): name the field. */
    @ServerExceptionMapper
    public Response inputRefused(InputRefusedException e) {
        return Problem.response(ProblemException.invalidField(e.field(), e.reason()));
    }

    /** Wrong JSON types ("max_devices": "abc"): name the field. */
    @ServerExceptionMapper(priority = 1)
    public Response mismatchedInput(MismatchedInputException e) {
        String field = jsonPath(e);
        String message = e instanceof InvalidFormatException ife && ife.getTargetType() != null
                ? "must be of type " + simpleType(ife.getTargetType())
                : e.getTargetType() != null ? "must be of type " + simpleType(e.getTargetType()) : "has the wrong type";
        if (e instanceof UnrecognizedPropertyException) {
            message = "is not a known field";
        }
        if (field.isEmpty()) {
            return Problem.response(400, ProblemCodes.MALFORMED_JSON, "The request body does not have the expected shape");
        }
        return Problem.response(ProblemException.invalidField(field, message));
    }

    @ServerExceptionMapper(priority = 2)
    public Response jsonMapping(JsonMappingException e) {
        String field = jsonPath(e);
        if (!field.isEmpty()) {
            return Problem.response(ProblemException.invalidField(field, "is not valid"));
        }
        return Problem.response(400, ProblemCodes.MALFORMED_JSON, "The request body is not valid JSON");
    }

    @ServerExceptionMapper(priority = 3)
    public Response malformedJson(JsonProcessingException e) {
        return Problem.response(400, ProblemCodes.MALFORMED_JSON, "The request body is not valid JSON");
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return Problem.response(401, ProblemCodes.UNAUTHORIZED, "A valid bearer token is required");
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return Problem.response(401, ProblemCodes.UNAUTHORIZED, "The bearer token is invalid, expired or revoked");
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Problem.response(403, ProblemCodes.FORBIDDEN, "Your role does not allow this operation");
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse() != null ? e.getResponse().getStatus() : 500;
        if (e instanceof NotFoundException) {
            return Problem.response(404, ProblemCodes.NOT_FOUND, "No such resource");
        }
        if (e instanceof NotAllowedException) {
            return Problem.response(405, ProblemCodes.METHOD_NOT_ALLOWED, "Method not allowed on this resource");
        }
        if (e instanceof NotSupportedException) {
            return Problem.response(415, ProblemCodes.UNSUPPORTED_MEDIA_TYPE, "Unsupported content type");
        }
        if (e instanceof NotAcceptableException) {
            return Problem.response(406, ProblemCodes.NOT_ACCEPTABLE, "Cannot produce an acceptable representation");
        }
        if (e.getCause() instanceof InputRefusedException ire) {
            return inputRefused(ire);
        }
        if (e.getCause() instanceof JsonProcessingException jpe) {
            return jpe instanceof MismatchedInputException mie ? mismatchedInput(mie) : malformedJson(jpe);
        }
        if (status == 413) {
            return Problem.response(413, ProblemCodes.BODY_TOO_LARGE, "The request body is too large");
        }
        if (status >= 500 && DependencyFailures.isUnavailable(e)) {
            LOG.warnf("Dependency unavailable: %s", rootMessage(e));
            return Problem.response(DependencyFailures.unavailable());
        }
        if (status >= 500) {
            LOG.error("Request failed", e);
            return Problem.response(status, ProblemCodes.INTERNAL_ERROR, "Internal error");
        }
        return Problem.response(status, status == 400 ? ProblemCodes.VALIDATION_FAILED : "HTTP_" + status,
                e.getMessage() != null ? e.getMessage() : "Request refused");
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e) {
        if (FormFailures.isMalformedForm(e)) {
            return Problem.response(FormFailures.refusal(e));
        }
        if (DependencyFailures.isUnavailable(e)) {
            // PostgreSQL or Redis away: the client retries; no stack trace per request during an outage
            LOG.warnf("Dependency unavailable: %s", rootMessage(e));
            return Problem.response(DependencyFailures.unavailable());
        }
        LOG.error("Unexpected failure", e);
        return Problem.response(500, ProblemCodes.INTERNAL_ERROR, "Internal error");
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return e.getClass().getSimpleName() + (root != e ? " <- " + root : ": " + e.getMessage());
    }

    private static String jsonPath(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String simpleType(Class<?> type) {
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean";
        }
        if (type == String.class || type.isEnum()) {
            return type.isEnum() ? "one of " + java.util.Arrays.toString(type.getEnumConstants()) : "string";
        }
        return type.getSimpleName();
    }

    /** The API speaks snake_case JSON (quarkus.jackson.property-naming-strategy), so field names do too. */
    static String snake(String javaName) {
        return javaName == null ? null : javaName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    /** "create.arg0.email" -> "email"; keeps nested paths ("items[2].key"). */
    static String fieldName(Path path) {
        List<String> parts = new ArrayList<>();
        for (Path.Node node : path) {
            switch (node.getKind()) {
                case METHOD, PARAMETER, RETURN_VALUE, CROSS_PARAMETER -> { }
                default -> parts.add(node.getIndex() != null ? snake(node.getName()) + "[" + node.getIndex() + "]" : snake(node.getName()));
            }
        }
        if (parts.isEmpty()) {
            // A missing body: the parameter itself is the field.
            return "body";
        }
        return String.join(".", parts);
    }
}
