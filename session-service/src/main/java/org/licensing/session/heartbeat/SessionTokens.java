package org.licensing.session.heartbeat;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.licensing.common.auth.Roles;
import org.licensing.common.auth.TokenClaims;
import org.licensing.common.problem.ProblemException;
import org.licensing.session.sessions.SessionProblems;

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

    public SessionTokens(JWTParser parser) {
        this.parser = parser;
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
        Object sid = jwt.getClaim(TokenClaims.SESSION_ID);
        if (!TokenClaims.TYPE_SESSION.equals(String.valueOf((Object) jwt.getClaim(TokenClaims.TYPE)))
                || sid == null || !jwt.getGroups().contains(Roles.CLIENT)) {
            throw unauthorized("This is not a session token");
        }
        return sid instanceof jakarta.json.JsonString js ? js.getString() : sid.toString();
    }

    private static ProblemException unauthorized(String detail) {
        return new ProblemException(401, SessionProblems.INVALID_SESSION_TOKEN, detail)
                .withHeader("WWW-Authenticate", "Bearer");
    }
}
