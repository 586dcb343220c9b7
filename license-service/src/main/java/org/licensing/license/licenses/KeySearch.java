package org.licensing.license.licenses;

import java.util.regex.Pattern;

import org.licensing.common.keys.LicenseKeyFormat;
import org.licensing.common.problem.ProblemException;

/**
 * What a key search can honestly match. Keys are stored only as an HMAC hash (for lookups) and
 * encrypted (for showing them again), so a database query cannot look inside them. Two things can be
 * matched: a whole key (hashed and compared with {@code key_hash}) and a fragment of the key's last
 * {@value #HINT_LENGTH} characters (the {@code key_hint} kept readable for lists). Text of 8 or more
 * characters has the shape of an opaque key, so it is looked up as a whole key (a middle piece of a
 * longer key then finds nothing, as it must); text between the two is refused with a 400 naming the
 * field rather than an empty page that would look like "no such license".
 */
public record KeySearch(String keyHash, String hintFragment) {

    /** The length of {@code key_hint}; {@link KeyGenerator#hint} keeps this many last characters. */
    public static final int HINT_LENGTH = 5;
    static final int MIN_FRAGMENT = 2;
    static final int MAX_INPUT = 200;
    private static final Pattern FRAGMENT = Pattern.compile("[A-Za-z0-9._-]{" + MIN_FRAGMENT + "," + HINT_LENGTH + "}");

    /** Null when nothing was asked; otherwise the whole-key hash or the end fragment to look for. */
    public static KeySearch of(String raw, String checksumSecret, java.util.function.Function<String, String> hashNormalized) {
        String q = LicenseKeyFormat.normalize(raw);
        if (q.isEmpty()) {
            return null;
        }
        if (q.length() > MAX_INPUT) {
            throw ProblemException.invalidField("key", "must be at most " + MAX_INPUT + " characters");
        }
        if (FRAGMENT.matcher(q).matches()) {
            return new KeySearch(null, q);
        }
        try {
            return new KeySearch(hashNormalized.apply(LicenseKeyFormat.parse(q, checksumSecret).normalized()), null);
        } catch (LicenseKeyFormat.MalformedKeyException e) {
            throw ProblemException.invalidField("key", "give a whole key, or " + MIN_FRAGMENT + " to " + HINT_LENGTH
                    + " of its last characters (only those are stored readable): " + e.getMessage());
        }
    }
}
