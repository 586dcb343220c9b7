package org.licensing.license.auth;

import java.security.InvalidKeyException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;

import javax.crypto.spec.SecretKeySpec;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;

/**
 * RFC 6238 time-based codes (HMAC-SHA1, 6 digits, 30 s steps: what every authenticator app
 * speaks) through the maintained {@code java-otp} library. Pure: the caller keeps the last
 * accepted step, and {@link #acceptedStep} refuses any step at or before it, so a code works once.
 */
public final class Totp {

    public static final Duration STEP = Duration.ofSeconds(30);
    public static final int DIGITS = 6;
    /** Codes of one step either side of now are accepted (clock drift, typing time). */
    public static final int WINDOW = 1;
    private static final int SECRET_BYTES = 20;

    private Totp() {}

    public static byte[] newSecret(SecureRandom random) {
        byte[] s = new byte[SECRET_BYTES];
        random.nextBytes(s);
        return s;
    }

    public static long stepOf(Instant t) {
        return Math.floorDiv(t.getEpochSecond(), STEP.toSeconds());
    }

    public static String code(byte[] secret, long step) {
        try {
            TimeBasedOneTimePasswordGenerator g = new TimeBasedOneTimePasswordGenerator(STEP, DIGITS);
            int n = g.generateOneTimePassword(new SecretKeySpec(secret, g.getAlgorithm()), Instant.ofEpochSecond(step * STEP.toSeconds()));
            return String.format("%0" + DIGITS + "d", n);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The step whose code this is, within {@link #WINDOW} of {@code now} and after
     * {@code lastStep} (null: none used yet); -1 when refused (wrong, too old, or a replay).
     */
    public static long acceptedStep(byte[] secret, String code, Instant now, Long lastStep) {
        if (code == null) {
            return -1;
        }
        String c = code.replace(" ", "").strip();
        if (!c.matches("\\d{" + DIGITS + "}")) {
            return -1;
        }
        long current = stepOf(now);
        long found = -1;
        for (long s = current - WINDOW; s <= current + WINDOW; s++) {
            // Every candidate is computed, so the time taken does not tell which step matched.
            if (java.security.MessageDigest.isEqual(code(secret, s).getBytes(), c.getBytes())) {
                found = s;
            }
        }
        return found >= 0 && (lastStep == null || found > lastStep) ? found : -1;
    }

    /** The provisioning URI that authenticator apps read (as a QR code or pasted). */
    public static String uri(String issuer, String accountName, byte[] secret) {
        return "otpauth://totp/" + enc(issuer) + ":" + enc(accountName) + "?secret=" + Base32.encode(secret) + "&issuer=" + enc(issuer)
                + "&algorithm=SHA1&digits=" + DIGITS + "&period=" + STEP.toSeconds();
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
