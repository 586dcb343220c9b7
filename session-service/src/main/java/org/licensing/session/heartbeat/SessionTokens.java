package org.licensing.session.heartbeat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.licensing.common.auth.Roles;
import org.licensing.common.auth.TokenClaims;
import org.licensing.common.problem.ProblemException;
import org.licensing.common.tokens.TokenKeys;
import org.licensing.common.tokens.TokenKind;
import org.licensing.common.tokens.TokenVerifier;
import org.licensing.common.tokens.UnverifiedToken;
import org.licensing.session.sessions.SessionConfig;
import org.licensing.session.sessions.SessionProblems;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Verifies a session token locally (session key, {@code aud} and {@code typ} of a session token,
 * issuer, expiry) for the heartbeat. The heartbeat bypasses the HTTP security layer so that the
 * blacklist check of the common augmentor, one Redis EXISTS, is not made twice: the heartbeat script
 * checks the same {@code jwt:blacklist:{jti}} and {@code account:{id}:suspended} keys in its own round trip.
 *
 * <p>A client presents the same token every interval for the token's whole life, so the outcome of a
 * successful verification is remembered, keyed by the SHA-256 of the whole token (a forged token
 * cannot share the digest of a verified one), until the token expires or the bounded cache evicts
 * it; revocation needs no eviction because the heartbeat script checks the blacklist and the
 * session's own end on every beat.
 *
 * <p>What is not in that cache is refused as cheaply as possible before any signature check: too
 * long, not a compact JWS, another algorithm, a kid that is not a session key, another audience or
 * type, already expired (all read from the unverified header and payload, microseconds). Only a
 * token that claims everything right costs a signature check, and a digest whose signature failed
 * is remembered for a while, so replaying one forgery costs a cache look-up.
 */
@ApplicationScoped
public class SessionTokens {

    private static final String BEARER = "Bearer ";
    private static final String INVALID = "The session token is invalid or expired";
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(SessionTokens::sha256);

    /**
     * A verified session token: its session, the license, device and account (sub) it was opened for, its jti,
     * and when it expires (epoch seconds). The heartbeat builds its keys (the license's session partition) and
     * reads the flags from these, with no look-up.
     */
    public record Verified(String sessionId, long licenseId, long deviceId, String accountId, String jti, long expiresAt) {}

    /** SHA-256 of a token, as four longs (cheaper to hash and compare than an array). */
    record TokenDigest(long a, long b, long c, long d) {
        static TokenDigest of(String token) {
            MessageDigest md = SHA256.get();
            ByteBuffer h = ByteBuffer.wrap(md.digest(token.getBytes(StandardCharsets.US_ASCII)));
            return new TokenDigest(h.getLong(), h.getLong(), h.getLong(), h.getLong());
        }
    }

    private final TokenVerifier verifier;
    private final Cache<TokenDigest, Verified> verified;
    private final Cache<TokenDigest, Boolean> forged;
    private final LongAdder signatureChecks = new LongAdder();

    @Inject
    public SessionTokens(TokenKeys keys, SessionConfig config) {
        this(keys.verifier(TokenKind.SESSION), config.tokenCacheSize());
    }

    SessionTokens(TokenVerifier verifier, long cacheSize) {
        this.verifier = verifier;
        // maintenance runs on the calling thread: no pool hop on the event loop, and it is small
        this.verified = Caffeine.newBuilder().maximumSize(cacheSize).executor(Runnable::run).build();
        this.forged = Caffeine.newBuilder().maximumSize(Math.max(1000, cacheSize / 10))
                .expireAfterWrite(Duration.ofMinutes(10)).executor(Runnable::run).build();
    }

    /** The session id of a valid session token, or a 401 problem. */
    public String sessionId(String authorization) {
        return verified(authorization).sessionId();
    }

    /** What a valid session token says, or a 401 problem. */
    public Verified verified(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw unauthorized("A session token is required (Authorization: Bearer ...)");
        }
        String token = authorization.substring(BEARER.length()).trim();
        if (token.length() > UnverifiedToken.MAX_LENGTH) {
            throw unauthorized(INVALID); // not even hashed
        }
        TokenDigest digest = TokenDigest.of(token);
        Verified known = verified.getIfPresent(digest);
        boolean fresh = known == null;
        if (fresh) {
            if (forged.getIfPresent(digest) != null) {
                throw unauthorized(INVALID);
            }
            known = verify(token, digest);
        }
        if (System.currentTimeMillis() / 1000 >= known.expiresAt()) {
            verified.invalidate(digest);
            throw unauthorized(INVALID);
        }
        if (fresh) {
            verified.put(digest, known); // only tokens still valid take a place in the cache
        }
        return known;
    }

    /** How many signature checks this instance made (tests: forgeries must not reach one). */
    long signatureChecks() {
        return signatureChecks.sum();
    }

    private Verified verify(String token, TokenDigest digest) {
        UnverifiedToken claimed = UnverifiedToken.peek(token);
        String refusal = claimed == null ? "shape" : claimed.refusal(verifier, System.currentTimeMillis() / 1000);
        if (refusal != null) {
            throw unauthorized("kind".equals(refusal) ? "This is not a session token" : INVALID);
        }
        signatureChecks.increment();
        JwtClaims claims;
        try {
            claims = verifier.verify(token);
        } catch (TokenVerifier.InvalidTokenException e) {
            forged.put(digest, Boolean.TRUE);
            throw unauthorized(INVALID);
        }
        try {
            Object sid = claims.getClaimValue(TokenClaims.SESSION_ID);
            Object lic = claims.getClaimValue(TokenClaims.LICENSE_ID);
            Object dev = claims.getClaimValue(TokenClaims.DEVICE_ID);
            List<String> groups = claims.getStringListClaimValue("groups");
            if (!(sid instanceof String) || !(lic instanceof Number) || !(dev instanceof Number) || groups == null
                    || !groups.contains(Roles.CLIENT)) {
                throw unauthorized("This is not a session token");
            }
            return new Verified((String) sid, ((Number) lic).longValue(), ((Number) dev).longValue(), claims.getSubject(),
                    claims.getJwtId(), claims.getExpirationTime().getValue());
        } catch (MalformedClaimException e) {
            throw unauthorized("This is not a session token");
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
