package org.licensing.common.tokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The pre-checks read from an unverified token (no key needed for the refusals themselves). */
class UnverifiedTokenTest {

    private static final TokenVerifier SESSION = new TokenVerifier(TokenKind.SESSION,
            Map.of("session-known", TestKeys.generate(TokenKind.SESSION).getPublic()));

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String token(String header, String payload) {
        return b64(header) + "." + b64(payload) + ".c2lnbmF0dXJl";
    }

    private static final String GOOD_PAYLOAD = "{\"aud\":\"licensing-session\",\"typ\":\"session\",\"exp\":2000000000}";

    @Test
    void malformedTokensAreNotTokens() {
        assertNull(UnverifiedToken.peek(null));
        assertNull(UnverifiedToken.peek("garbage"));
        assertNull(UnverifiedToken.peek("a.b"));
        assertNull(UnverifiedToken.peek("aaaaaaaaaaaaaaaa.bbbbbbbb.cccc.dddd"));
        assertNull(UnverifiedToken.peek("!!!!!!!!!!!!!!!!.????????.cccc"));
        assertNull(UnverifiedToken.peek(token("[1]", GOOD_PAYLOAD)));
        assertNull(UnverifiedToken.peek(token("{\"alg\":\"EdDSA\"}", GOOD_PAYLOAD).substring(0, 30) + "." + "x".repeat(5000)));
    }

    @Test
    void eachClaimThatCannotBeRightIsNamed() {
        long now = 1_900_000_000L;
        assertNull(UnverifiedToken.peek(token("{\"alg\":\"EdDSA\",\"kid\":\"session-known\"}", GOOD_PAYLOAD)).refusal(SESSION, now));
        assertEquals("algorithm", UnverifiedToken.peek(token("{\"alg\":\"RS256\",\"kid\":\"session-known\"}", GOOD_PAYLOAD)).refusal(SESSION, now));
        assertEquals("algorithm", UnverifiedToken.peek(token("{\"alg\":\"none\"}", GOOD_PAYLOAD)).refusal(SESSION, now));
        assertEquals("key", UnverifiedToken.peek(token("{\"alg\":\"EdDSA\"}", GOOD_PAYLOAD)).refusal(SESSION, now));
        assertEquals("key", UnverifiedToken.peek(token("{\"alg\":\"EdDSA\",\"kid\":\"access-1\"}", GOOD_PAYLOAD)).refusal(SESSION, now));
        assertEquals("kind", UnverifiedToken.peek(token("{\"alg\":\"EdDSA\",\"kid\":\"session-known\"}",
                "{\"aud\":\"licensing-access\",\"typ\":\"session\",\"exp\":2000000000}")).refusal(SESSION, now));
        assertEquals("kind", UnverifiedToken.peek(token("{\"alg\":\"EdDSA\",\"kid\":\"session-known\"}",
                "{\"aud\":[\"licensing-session\"],\"typ\":\"access\",\"exp\":2000000000}")).refusal(SESSION, now));
        assertEquals("expired", UnverifiedToken.peek(token("{\"alg\":\"EdDSA\",\"kid\":\"session-known\"}",
                "{\"aud\":\"licensing-session\",\"typ\":\"session\",\"exp\":1800000000}")).refusal(SESSION, now));
        assertEquals("expired", UnverifiedToken.peek(token("{\"alg\":\"EdDSA\",\"kid\":\"session-known\"}",
                "{\"aud\":\"licensing-session\",\"typ\":\"session\"}")).refusal(SESSION, now));
    }
}
