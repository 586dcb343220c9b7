package org.licensing.common.keys;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;


/**
 * The key schemes (DESIGN section 2), pure and I/O free, so every service can refuse a malformed
 * or forged key before any database or Redis look-up.
 * <ul>
 * <li>SEGMENTED (requirement 003): {@code {SELLER}-{PRIVILEGE}-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX}, body
 * matching {@link #SEGMENTED_BODY}.</li>
 * <li>CHECKSUMMED (requirement 004): {@code {PLATFORM}-{TYPE}-{DEV3}-{YYYYMMDD}-{RAND9}-{CHK4}}, RAND9
 * from an alphabet without ambiguous characters, CHK4 the first four hex digits of
 * HMAC-SHA256(secret, everything before it).</li>
 * <li>OPAQUE: imported keys of other systems, 8 to 128 of {@code [A-Za-z0-9._~+/=-]}.</li>
 * </ul>
 */
public final class LicenseKeyFormat {

    public enum Scheme { SEGMENTED, CHECKSUMMED, OPAQUE }

    public static final Pattern SEGMENTED_BODY =
            Pattern.compile("^[A-Z0-9]{5}-[0-9A-F]{5}-[A-Z2-7]{5}-[A-Z3-8]{5}-[A-Z0-9]{5}$");
    public static final Set<String> PRIVILEGES = Set.of("BASIC", "REGULAR", "ULTIMATE", "TESTER", "STAFF");
    /** No 0/O, 1/I/L: the random part of checksummed keys (requirement 004). */
    public static final String UNAMBIGUOUS_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    private static final Pattern SEGMENTED = Pattern.compile(
            "^([A-Z0-9]{2,32})-(BASIC|REGULAR|ULTIMATE|TESTER|STAFF)-([A-Z0-9]{5}-[0-9A-F]{5}-[A-Z2-7]{5}-[A-Z3-8]{5}-[A-Z0-9]{5})$");
    private static final Pattern SEGMENTED_SHAPE = Pattern.compile("^[A-Z0-9]{2,32}-[A-Z]{3,10}(-[A-Z0-9]{5}){5}$");
    private static final Pattern CHECKSUMMED = Pattern.compile(
            "^([A-Z][A-Z0-9]{1,15})-([A-Z]{2,16})-([0-9]{3,10})-([0-9]{8})-([" + UNAMBIGUOUS_ALPHABET + "]{9})-([0-9A-F]{4})$");
    private static final Pattern CHECKSUMMED_SHAPE = Pattern.compile(
            "^[A-Z0-9]+-[A-Z0-9]+-[0-9]+-[0-9]{8}-[A-Z0-9]{9}-[A-Z0-9]{4}$");
    private static final Pattern OPAQUE = Pattern.compile("^[A-Za-z0-9._~+/=-]{8,128}$");

    /** Result of reading a key: the scheme and the normalized form that is hashed. */
    public record ParsedKey(Scheme scheme, String normalized) {}

    private LicenseKeyFormat() {}

    /** Segmented and checksummed keys are case-insensitive and trimmed; opaque keys only trimmed. */
    public static String normalize(String raw) {
        return raw == null ? "" : raw.trim();
    }

    /**
     * Reads a presented key. Throws {@link MalformedKeyException} for a key that has the shape of a
     * scheme but breaks it (including a wrong checksum), or matches no scheme at all.
     */
    public static ParsedKey parse(String raw, String checksumSecret) {
        String key = normalize(raw);
        String upper = key.toUpperCase(Locale.ROOT);
        if (SEGMENTED_SHAPE.matcher(upper).matches()) {
            Matcher m = SEGMENTED.matcher(upper);
            if (!m.matches()) {
                throw new MalformedKeyException("The key does not match the segmented key format");
            }
            return new ParsedKey(Scheme.SEGMENTED, upper);
        }
        if (CHECKSUMMED_SHAPE.matcher(upper).matches()) {
            Matcher m = CHECKSUMMED.matcher(upper);
            if (!m.matches()) {
                throw new MalformedKeyException("The key does not match the checksummed key format");
            }
            String withoutChecksum = upper.substring(0, upper.length() - 5);
            if (!checksum(withoutChecksum, checksumSecret).equals(m.group(6))) {
                throw new MalformedKeyException("The key checksum is wrong");
            }
            return new ParsedKey(Scheme.CHECKSUMMED, upper);
        }
        if (OPAQUE.matcher(key).matches()) {
            return new ParsedKey(Scheme.OPAQUE, key);
        }
        throw new MalformedKeyException("The key is not in any supported format");
    }

    /** Whether a segmented body (the 5x5 groups) is valid, group by group. */
    public static boolean isSegmentedBody(String body) {
        return body != null && SEGMENTED_BODY.matcher(body).matches();
    }

    /** Four uppercase hex digits of HMAC-SHA256(secret, keyWithoutChecksum). */
    public static String checksum(String keyWithoutChecksum, String secret) {
        return HexFormat.of().withUpperCase().formatHex(HmacSha256.of(secret, keyWithoutChecksum), 0, 2);
    }

    public static final class MalformedKeyException extends RuntimeException {
        public MalformedKeyException(String message) {
            super(message, null, false, false);
        }
    }
}
