package org.licensing.common.tokens;

import java.io.IOException;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a token claims about itself before any signature is checked: its header's {@code alg} and
 * {@code kid}, and the payload's {@code aud}, {@code typ} and {@code exp}. Reading them costs a few
 * microseconds, a signature check tens to hundreds; so a verifier first refuses whatever is of the
 * wrong shape, size, kind, key or age, and only then verifies. Nothing read here is trusted: every
 * value is checked again on the verified token.
 */
public record UnverifiedToken(String alg, String kid, String audience, String type, long expiresAt) {

    /** Far above any token the platform signs (about 400-700 characters). */
    public static final int MAX_LENGTH = 4096;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Decoder B64 = Base64.getUrlDecoder();

    /** The claims of a compact JWS, or null when it is not one (or too long to be ours). */
    public static UnverifiedToken peek(String token) {
        if (token == null || token.length() > MAX_LENGTH || token.length() < 16) {
            return null;
        }
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (first <= 0 || second <= first + 1 || second == token.length() - 1 || token.indexOf('.', second + 1) >= 0) {
            return null;
        }
        JsonNode header = json(token, 0, first);
        JsonNode payload = header == null ? null : json(token, first + 1, second);
        if (payload == null || !header.isObject() || !payload.isObject()) {
            return null;
        }
        JsonNode aud = payload.get("aud");
        String audience = aud == null ? null : aud.isTextual() ? aud.asText()
                : aud.isArray() && aud.size() == 1 && aud.get(0).isTextual() ? aud.get(0).asText() : null;
        JsonNode exp = payload.get("exp");
        return new UnverifiedToken(text(header, "alg"), text(header, "kid"), audience, text(payload, "typ"),
                exp != null && exp.canConvertToLong() ? exp.asLong() : 0);
    }

    /**
     * Why this token cannot be a valid token of {@code kind} signed by one of {@code verifier}'s keys,
     * or null when only the signature can tell.
     */
    public String refusal(TokenVerifier verifier, long nowSeconds) {
        TokenKind kind = verifier.kind();
        if (!kind.algorithm().equals(alg)) {
            return "algorithm";
        }
        if (kid == null || !verifier.knows(kid)) {
            return "key";
        }
        if (!kind.audience().equals(audience) || !kind.type().equals(type)) {
            return "kind";
        }
        if (expiresAt <= nowSeconds) {
            return "expired";
        }
        return null;
    }

    private static JsonNode json(String token, int from, int to) {
        try {
            return JSON.readTree(B64.decode(token.substring(from, to)));
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }
}
