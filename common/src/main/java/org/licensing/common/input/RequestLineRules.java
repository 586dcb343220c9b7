package org.licensing.common.input;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import org.licensing.common.problem.ProblemException;

/**
 * {@link InputRules} for the request line: each path segment and each query parameter, decoded
 * strictly (a stray {@code %}, a bad escape or invalid UTF-8 is refused, never guessed at). Pure,
 * so the whole rule is tested without a server; {@link RequestLineGuard} applies it to every
 * request of every service before routing.
 */
public final class RequestLineRules {

    private RequestLineRules() {}

    /** The refusal of a raw request URI ({@code /path?query}), or null when it is acceptable. */
    public static ProblemException refusal(String uri) {
        if (uri == null) {
            return null;
        }
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        String query = q < 0 ? null : uri.substring(q + 1);
        for (String segment : path.split("/", -1)) {
            String decoded = decode(segment, false);
            if (decoded == null) {
                return ProblemException.invalidField("path", "is not valid percent-encoded UTF-8");
            }
            if (decoded.length() > InputLimits.PATH_SEGMENT) {
                return ProblemException.invalidField("path", "has a segment longer than " + InputLimits.PATH_SEGMENT + " characters");
            }
            String why = InputRules.characters(decoded, InputLimits.Kind.IDENTIFIER);
            if (why != null) {
                return ProblemException.invalidField("path", why);
            }
        }
        if (query == null || query.isEmpty()) {
            return null;
        }
        int hash = query.indexOf('#');
        if (hash >= 0) {
            query = query.substring(0, hash);
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq), true);
            if (name == null || InputRules.characters(name, InputLimits.Kind.IDENTIFIER) != null || name.length() > 64) {
                return ProblemException.invalidField("query", "has a parameter name that is not valid");
            }
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), true);
            if (value == null) {
                return ProblemException.invalidField(name, "is not valid percent-encoded UTF-8");
            }
            String why = InputRules.violation(name, value);
            if (why != null) {
                return ProblemException.invalidField(name, why);
            }
        }
        return null;
    }

    /** Strict percent-decoding to UTF-8; null when the text is not validly encoded. */
    static String decode(String s, boolean plusIsSpace) {
        if (s.indexOf('%') < 0 && (!plusIsSpace || s.indexOf('+') < 0)) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    return null;
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                out.write(hi * 16 + lo);
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                out.write(' ');
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(out.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
