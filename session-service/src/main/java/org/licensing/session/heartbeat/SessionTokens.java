package org.licensing.session.heartbeat;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.licensing.common.auth.Roles;
import org.licensing.common.auth.TokenClaims;
import org.licensing.common.problem.ProblemException;
import org.licensing.session.sessions.SessionProblems;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Verifies a session token locally (signature, issuer, expiry) for the heartbeat. The heartbeat
 * bypasses the HTTP security layer (proactive authentication is off) so that the blacklist check
 * of the common augmentor, one Redis EXISTS, is not made twice: the heartbeat script checks the
 * same {@code jwt:blacklist:{jti}} and {@code account:{id}:suspended} keys in its own round trip.
 */
@ApplicationScoped
public class SessionTokens {

    private static final String BEARER = "Bearer ";

    private final JWTParser parser;
    private final ObjectMapper json;

    public SessionTokens(JWTParser parser, ObjectMapper json) {
        this.parser = parser;
        this.json = json;
    }

    /** The session id of a valid session token, or a 401 problem. */
    public String sessionId(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw unauthorized("A session token is required (Authorization: Bearer ...)");
        }
        JsonWebToken jwt;
        try {
            jwt = parser.parse(authorization.substring(BEARER.length()).trim());
        } catch (ParseException e) {
            throw unauthorized("The session token is invalid or expired");
        }
        // Custom claims are read from the verified payload directly: smallrye's getClaim() builds and
        // throws an IllegalArgumentException for every non-standard claim name, twice per heartbeat.
        JsonNode claims = payload(jwt.getRawToken());
        JsonNode sid = claims == null ? null : claims.get(TokenClaims.SESSION_ID);
        JsonNode typ = claims == null ? null : claims.get(TokenClaims.TYPE);
        if (typ == null || !TokenClaims.TYPE_SESSION.equals(typ.asText()) || sid == null || !sid.isValueNode()
                || !jwt.getGroups().contains(Roles.CLIENT)) {
            throw unauthorized("This is not a session token");
        }
        return sid.asText();
    }

    private JsonNode payload(String rawToken) {
        int first = rawToken.indexOf('.');
        int second = rawToken.indexOf('.', first + 1);
        if (first < 0 || second < 0) {
            return null;
        }
        try {
            return json.readTree(java.util.Base64.getUrlDecoder().decode(rawToken.substring(first + 1, second)));
        } catch (java.io.IOException | IllegalArgumentException e) {
            return null;
        }
    }

    private static ProblemException unauthorized(String detail) {
        return new ProblemException(401, SessionProblems.INVALID_SESSION_TOKEN, detail)
                .withHeader("WWW-Authenticate", "Bearer");
    }
}
