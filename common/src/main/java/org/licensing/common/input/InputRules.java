package org.licensing.common.input;

import org.licensing.common.problem.ProblemException;

/**
 * The checks every client string goes through, wherever it arrives (JSON, form, query, path):
 * no NUL ever (PostgreSQL cannot store it), no control character in names and identifiers, no
 * more characters than {@link InputLimits} allows. A refusal is a 400 naming the field.
 */
public final class InputRules {

    private InputRules() {}

    /** Refuses {@code value} of {@code field} (the name the client used) when it breaks a rule. */
    public static void check(String field, String value) {
        String why = violation(field, value);
        if (why != null) {
            throw ProblemException.invalidField(field, why);
        }
    }

    /** Why {@code value} is refused for {@code field}, or null when it is acceptable. */
    public static String violation(String field, String value) {
        if (value == null) {
            return null;
        }
        InputLimits.Limit limit = InputLimits.of(leaf(field));
        if (value.length() > limit.maxLength()) {
            return "must be at most " + limit.maxLength() + " characters";
        }
        return characters(value, limit.kind());
    }

    /** The character rule alone (for keys of JSON objects and nested values). */
    public static String characters(String value, InputLimits.Kind kind) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0) {
                return "must not contain the NUL character";
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++; // a well-formed pair (an emoji)
                continue;
            }
            if (Character.isSurrogate(c)) {
                return "must be valid Unicode text";
            }
            if (isControl(c) && (kind == InputLimits.Kind.IDENTIFIER || !(c == '\t' || c == '\n' || c == '\r'))) {
                return "must not contain control characters";
            }
        }
        return null;
    }

    static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7F && c <= 0x9F);
    }

    /** "items[2].device_id" -> "device_id", "keys[3]" -> "keys": the limit belongs to the last name. */
    static String leaf(String field) {
        if (field == null) {
            return null;
        }
        String f = field;
        int bracket = f.indexOf('[', Math.max(0, f.lastIndexOf('.')));
        if (bracket >= 0 && f.endsWith("]")) {
            f = f.substring(0, bracket);
        }
        int dot = f.lastIndexOf('.');
        return dot >= 0 ? f.substring(dot + 1) : f;
    }
}
