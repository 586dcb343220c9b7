package org.licensing.common.tokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Session tokens verified by Bouncy Castle: every byte of the header, payload and signature counts,
 * only the kind's algorithm and published kids are accepted, and the claim rules are unchanged.
 */
class Ed25519JwsVerifierTest {

    private static final Base64.Encoder ENC = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DEC = Base64.getUrlDecoder();

    @TempDir
    Path dir;

    private static Map<String, Object> expiringAt(long exp) {
        return TestKeys.sessionClaims(exp - 3600);
    }



    private static String flipped(String part, int index) {
        byte[] b = DEC.decode(part);
        b[index] ^= 1;
        return ENC.encodeToString(b);
    }

    @Test
    void oneFlippedByteOfTheSignatureOrThePayloadIsRefused() {
        TokenKeys keys = TestKeys.sessionKeys(dir, TestKeys.generate(TokenKind.SESSION));
        TokenVerifier verifier = keys.verifier(TokenKind.SESSION);
        String token = keys.signer(TokenKind.SESSION).sign(TestKeys.sessionClaims(System.currentTimeMillis() / 1000));
        assertEquals("7", subject(verifier, token));
        String[] p = token.split("\\.");
        for (int i : new int[] { 0, 31, 32, 63 }) {
            String forged = p[0] + "." + p[1] + "." + flipped(p[2], i);
            assertThrows(TokenVerifier.InvalidTokenException.class, () -> verifier.verify(forged), "signature byte " + i);
        }
        // a byte inside the sid's value: the payload stays valid JSON, only the signature can tell
        String payload = new String(DEC.decode(p[1]), StandardCharsets.UTF_8);
        int inSid = payload.indexOf("\"sid\":\"") + 8;
        String forged = p[0] + "." + flipped(p[1], inSid) + "." + p[2];
        assertThrows(TokenVerifier.InvalidTokenException.class, () -> verifier.verify(forged));
        String header = p[0].substring(0, p[0].length() - 1) + (p[0].endsWith("9") ? "8" : "9");
        assertThrows(TokenVerifier.InvalidTokenException.class, () -> verifier.verify(header + "." + p[1] + "." + p[2]));
    }

    @Test
    void theClaimRulesStayThoseOfTheKind() {
        TokenKeys keys = TestKeys.sessionKeys(dir, TestKeys.generate(TokenKind.SESSION));
        TokenVerifier verifier = keys.verifier(TokenKind.SESSION);
        TokenSigner signer = keys.signer(TokenKind.SESSION);
        long now = System.currentTimeMillis() / 1000;
        // expired beyond the 30 s of clock skew, then within it
        assertThrows(TokenVerifier.InvalidTokenException.class, () -> verifier.verify(signer.sign(expiringAt(now - 60))));
        assertEquals("7", subject(verifier, signer.sign(expiringAt(now - 5))));
        Map<String, Object> noJti = expiringAt(now + 60);
        noJti.remove("jti");
        assertThrows(TokenVerifier.InvalidTokenException.class, () -> verifier.verify(signer.sign(noJti)));
        Map<String, Object> noSub = expiringAt(now + 60);
        noSub.remove("sub");
        assertThrows(TokenVerifier.InvalidTokenException.class, () -> verifier.verify(signer.sign(noSub)));
    }

    @Test
    void onlyEdDsaByAPublishedKidWithoutExtensionsIsAccepted() throws Exception {
        KeyPair pair = TestKeys.generate(TokenKind.SESSION);
        TokenKeys keys = TestKeys.sessionKeys(dir, pair);
        String kid = keys.signer(TokenKind.SESSION).kid();
        Ed25519JwsVerifier v = Ed25519JwsVerifier.of(keys.verifier(TokenKind.SESSION).keys());
        String payload = ENC.encodeToString("{\"sub\":\"7\"}".getBytes(StandardCharsets.UTF_8));
        assertNull(v.refusal(jdkSigned(pair, "{\"alg\":\"EdDSA\",\"kid\":\"" + kid + "\"}", payload)));
        assertEquals("unknown key id", v.refusal(jdkSigned(pair, "{\"alg\":\"EdDSA\",\"kid\":\"other\"}", payload)));
        assertEquals("unknown key id", v.refusal(jdkSigned(pair, "{\"alg\":\"EdDSA\"}", payload)));
        assertEquals("algorithm not permitted", v.refusal(jdkSigned(pair, "{\"alg\":\"none\",\"kid\":\"" + kid + "\"}", payload)));
        assertEquals("header not supported",
                v.refusal(jdkSigned(pair, "{\"alg\":\"EdDSA\",\"kid\":\"" + kid + "\",\"crit\":[\"b64\"],\"b64\":false}", payload)));
        assertEquals("header not supported", v.refusal(jdkSigned(pair, "{\"alg\":\"EdDSA\",\"kid\":\"" + kid + "\",\"cty\":\"JWT\"}", payload)));
        String good = jdkSigned(pair, "{\"alg\":\"EdDSA\",\"kid\":\"" + kid + "\"}", payload);
        assertNotNull(v.refusal(good + "="));
        assertNotNull(v.refusal(good.replaceFirst("\\.", ".\n")));
        assertNotNull(v.refusal(good.substring(0, good.lastIndexOf('.') + 1)));
    }

    /** A rough cost printout (not an assertion: the machine is shared): Bouncy Castle against the JDK provider. */
    @Test
    void printsWhatAVerificationCosts() throws Exception {
        KeyPair pair = TestKeys.generate(TokenKind.SESSION);
        TokenKeys keys = TestKeys.sessionKeys(dir, pair);
        TokenVerifier verifier = keys.verifier(TokenKind.SESSION);
        int n = 500; // enough for a rough figure; the JDK path costs about 1 ms each
        String[] tokens = new String[n];
        for (int i = 0; i < n; i++) {
            tokens[i] = keys.signer(TokenKind.SESSION).sign(TestKeys.sessionClaims(System.currentTimeMillis() / 1000));
        }
        for (int round = 0; round < 2; round++) { // the first round warms the JIT
            long t0 = System.nanoTime();
            for (String t : tokens) {
                verifier.verify(t);
            }
            long t1 = System.nanoTime();
            for (String t : tokens) {
                int dot = t.lastIndexOf('.');
                Signature jdk = Signature.getInstance("Ed25519");
                jdk.initVerify(pair.getPublic());
                jdk.update(t.substring(0, dot).getBytes(StandardCharsets.US_ASCII));
                jdk.verify(DEC.decode(t.substring(dot + 1)));
            }
            long t2 = System.nanoTime();
            Ed25519JwsVerifier signatures = Ed25519JwsVerifier.of(verifier.keys());
            for (String t : tokens) {
                signatures.refusal(t);
            }
            long t3 = System.nanoTime();
            System.out.printf("session token verify, round %d: whole TokenVerifier.verify (Bouncy Castle) %d us,"
                    + " of which the signature %d us; JDK Ed25519 signature alone %d us%n", round, (t1 - t0) / 1000 / n,
                    (t3 - t2) / 1000 / n, (t2 - t1) / 1000 / n);
        }
    }

    private static String jdkSigned(KeyPair pair, String headerJson, String payload) throws Exception {
        String input = ENC.encodeToString(headerJson.getBytes(StandardCharsets.UTF_8)) + "." + payload;
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(pair.getPrivate());
        s.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + ENC.encodeToString(s.sign());
    }

    private static String subject(TokenVerifier verifier, String token) {
        try {
            return verifier.verify(token).getSubject();
        } catch (org.jose4j.jwt.MalformedClaimException e) {
            throw new AssertionError(e);
        }
    }
}
