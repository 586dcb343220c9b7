package org.licensing.session.heartbeat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;
import org.licensing.common.auth.Roles;
import org.licensing.common.problem.ProblemException;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/** The verified-token cache: a token is verified once, anything else is verified again. */
class SessionTokensTest {

    private final AtomicInteger verifications = new AtomicInteger();
    private long expiresAt = System.currentTimeMillis() / 1000 + 3600;

    /** A parser that accepts tokens whose signature part is "good" and counts its verifications. */
    private final JWTParser parser = (JWTParser) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] { JWTParser.class }, (p, method, args) -> {
                String token = (String) args[0];
                verifications.incrementAndGet();
                if (!token.endsWith(".good")) {
                    throw new ParseException("bad signature");
                }
                long exp = expiresAt;
                return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { JsonWebToken.class },
                        (q, m, a) -> switch (m.getName()) {
                            case "getRawToken" -> token;
                            case "getGroups" -> Set.of(Roles.CLIENT);
                            case "getExpirationTime" -> exp;
                            default -> null;
                        });
            });

    private final SessionTokens tokens = new SessionTokens(parser, new ObjectMapper(), 1000);

    private static String token(String payload, String signature) {
        return "eyJhbGciOiJSUzI1NiJ9." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + signature;
    }

    @Test
    void aTokenIsVerifiedOnceThenRecognised() {
        String t = token("{\"typ\":\"session\",\"sid\":\"s-1\"}", "good");
        assertEquals("s-1", tokens.sessionId("Bearer " + t));
        assertEquals("s-1", tokens.sessionId("Bearer " + t));
        assertEquals("s-1", tokens.sessionId("bearer " + t));
        assertEquals(1, verifications.get());
    }

    @Test
    void aTokenThatDiffersInAnyByteIsVerifiedAgain() {
        String good = token("{\"typ\":\"session\",\"sid\":\"s-1\"}", "good");
        tokens.sessionId("Bearer " + good);
        // same header and payload, another signature: must not ride on the verified one
        String forged = token("{\"typ\":\"session\",\"sid\":\"s-1\"}", "forged");
        ProblemException refused = assertThrows(ProblemException.class, () -> tokens.sessionId("Bearer " + forged));
        assertEquals(401, refused.status());
        // same signature, another payload
        String swapped = token("{\"typ\":\"session\",\"sid\":\"s-2\"}", "bad") ;
        assertThrows(ProblemException.class, () -> tokens.sessionId("Bearer " + swapped));
        assertEquals(3, verifications.get());
    }

    @Test
    void expiredAndNonSessionTokensAreRefused() {
        expiresAt = System.currentTimeMillis() / 1000 - 1;
        String expired = token("{\"typ\":\"session\",\"sid\":\"s-1\"}", "good");
        assertEquals(401, assertThrows(ProblemException.class, () -> tokens.sessionId("Bearer " + expired)).status());
        assertEquals(401, assertThrows(ProblemException.class, () -> tokens.sessionId("Bearer " + expired)).status());

        expiresAt = System.currentTimeMillis() / 1000 + 3600;
        String access = token("{\"typ\":\"access\",\"sid\":\"s-1\"}", "good");
        assertEquals(401, assertThrows(ProblemException.class, () -> tokens.sessionId("Bearer " + access)).status());
        assertEquals(401, assertThrows(ProblemException.class, () -> tokens.sessionId(null)).status());
        assertEquals(401, assertThrows(ProblemException.class, () -> tokens.sessionId("Basic abc")).status());
    }
}
