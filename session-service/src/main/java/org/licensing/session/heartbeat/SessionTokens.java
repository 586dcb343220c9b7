package org.licensing.session.heartbeat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.licensing.common.auth.Roles;
import org.licensing.common.auth.TokenClaims;
import org.licensing.common.problem.ProblemException;
import org.licensing.session.sessions.SessionConfig;
import org.licensing.session.sessions.SessionProblems;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Verifies a session token locally (signature, issuer, expiry, type) for the heartbeat. The heartbeat
 * bypasses the HTTP security layer so that the blacklist check of the common augmentor, one Redis
 * EXISTS, is not made twice: the heartbeat script checks the same {@code jwt:blacklist:{jti}} and
 * {@code account:{id}:suspended} keys in its own round trip.
 *
 * <p>A client presents the same token every interval for the token's whole life, and an RS256
 * verification costs about 45 us of CPU here (more than everything else a heartbeat does in this
 * service). So the outcome of a successful verification is remembered, keyed by the SHA-256 of the
 * whole token (a forged token cannot share the digest of a verified one), until the token expires
 * or the bounded cache evicts it; revocation needs no eviction because the heartbeat script checks
 * the blacklist and the session's own end on every beat.
 */
@ApplicationScoped
public class SessionTokens {

    private static final String BEARER = "Bearer ";
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(SessionTokens::sha256);

    /** A verified session token: its session and when it expires (epoch seconds). */
    record Verified(String sessionId, long expiresAt) {}

    /** SHA-256 of a token, as four longs (cheaper to hash and compare than an array). */
    record TokenDigest(long a, long b, long c, long d) {
        static TokenDigest of(String token) {
            MessageDigest md = SHA256.get();
            ByteBuffer h = ByteBuffer.wrap(md.digest(token.getBytes(StandardCharsets.US_ASCII)));
            return new TokenDigest(h.getLong(), h.getLong(), h.getLong(), h.getLong());
        }
    }

    private final JWTParser parser;
    private final ObjectMapper json;
    private final Cache<TokenDigest, Verified> verified;

    @Inject
    public SessionTokens(JWTParser parser, ObjectMapper json, SessionConfig config) {
        this(parser, json, config.tokenCacheSize());
    }

    SessionTokens(JWTParser parser, ObjectMapper json, long cacheSize) {
        this.parser = parser;
        this.json = json;
        // maintenance runs on the calling thread: no pool hop on the event loop, and it is small
        this.verified = Caffeine.newBuilder().maximumSize(cacheSize).executor(Runnable::run).build();
    }

    /** The session id of a valid session token, or a 401 problem. */
    public String sessionId(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw unauthorized("A session token is required (Authorization: Bearer ...)");
        }
        String token = authorization.substring(BEARER.length()).trim();
        TokenDigest digest = TokenDigest.of(token);
        Verified known = verified.getIfPresent(digest);
        boolean fresh = known == null;
        if (fresh) {
            known = verify(token);
        }
        if (System.currentTimeMillis() / 1000 >= known.expiresAt()) {
            verified.invalidate(digest);
            throw unauthorized("The session token is invalid or expired");
        }
        if (fresh) {
            verified.put(digest, known); // only tokens still valid take a place in the cache
        }
        return known.sessionId();
    }

    private Verified verify(String token) {
        JsonWebToken jwt;
        try {
            jwt = parser.parse(token);
        } catch (ParseException e) {
            throw unauthorized("The session token is invalid or expired");
        }
        // Custom claims are read from the verified payload directly: smallrye's getClaim() builds and
        // throws an IllegalArgumentException for every non-standard claim name.
        JsonNode claims = payload(jwt.getRawToken());
        JsonNode sid = claims == null ? null : claims.get(TokenClaims.SESSION_ID);
        JsonNode typ = claims == null ? null : claims.get(TokenClaims.TYPE);
        if (typ == null || !TokenClaims.TYPE_SESSION.equals(typ.asText()) || sid == null || !sid.isValueNode()
                || !jwt.getGroups().contains(Roles.CLIENT)) {
            throw unauthorized("This is not a session token");
        }
        return new Verified(sid.asText(), jwt.getExpirationTime());
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

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static ProblemException unauthorized(String detail) {
        return new ProblemException(401, SessionProblems.INVALID_SESSION_TOKEN, detail)
                .withHeader("WWW-Authenticate", "Bearer");
    }
}
