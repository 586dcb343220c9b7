package org.licensing.license.licenses;

import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

import org.licensing.common.keys.LicenseKeyFormat;

/**
 * Generates new keys with {@link SecureRandom}, one method per scheme (DESIGN section 2). Every
 * key it returns parses with {@link LicenseKeyFormat#parse} into the scheme it was made for.
 */
public final class KeyGenerator {

    /** Character classes of the five segmented groups, in order (the requirement 003 regex). */
    static final String[] SEGMENT_ALPHABETS = {
            "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
            "0123456789ABCDEF",
            "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567",
            "ABCDEFGHIJKLMNOPQRSTUVWXYZ345678",
            "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789" };
    private static final String OPAQUE_ALPHABET = LicenseKeyFormat.UNAMBIGUOUS_ALPHABET;
    private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;

    private final SecureRandom random;
    private final String checksumSecret;
    private final String platform;

    public KeyGenerator(SecureRandom random, String checksumSecret, String platform) {
        this.random = random;
        this.checksumSecret = checksumSecret;
        this.platform = platform;
    }

    /** {@code {SELLER}-{PRIVILEGE}-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX} (requirement 003). */
    public String segmented(String sellerName, String privilege) {
        StringBuilder key = new StringBuilder(sellerName).append('-').append(privilege);
        for (String alphabet : SEGMENT_ALPHABETS) {
            key.append('-').append(randomString(alphabet, 5));
        }
        return key.toString();
    }

    /** {@code {PLATFORM}-{TYPE}-{DEV3}-{YYYYMMDD}-{RAND9}-{CHK4}} (requirement 004). */
    public String checksummed(String productCode, long sellerId, LocalDate issuedOn) {
        String withoutChecksum = platform + "-" + productCode + "-" + dev3(sellerId) + "-" + YYYYMMDD.format(issuedOn)
                + "-" + randomString(LicenseKeyFormat.UNAMBIGUOUS_ALPHABET, 9);
        return withoutChecksum + "-" + LicenseKeyFormat.checksum(withoutChecksum, checksumSecret);
    }

    /** A random opaque key (products whose keys are normally imported): 4 groups of 6, no ambiguous characters. */
    public String opaque() {
        StringBuilder key = new StringBuilder();
        for (int g = 0; g < 4; g++) {
            if (g > 0) {
                key.append('.');
            }
            key.append(randomString(OPAQUE_ALPHABET, 6));
        }
        return key.toString();
    }

    /** The seller id zero-padded to at least three digits. */
    public static String dev3(long sellerId) {
        return String.format("%03d", sellerId);
    }

    /** Last characters of a key, safe to show in lists. */
    public static String hint(String normalizedKey) {
        return normalizedKey.length() <= 5 ? normalizedKey : normalizedKey.substring(normalizedKey.length() - 5);
    }

    private String randomString(String alphabet, int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = alphabet.charAt(random.nextInt(alphabet.length()));
        }
        return new String(out);
    }
}
