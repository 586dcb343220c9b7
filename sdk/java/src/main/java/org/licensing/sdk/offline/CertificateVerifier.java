package org.licensing.sdk.offline;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Checks a certificate without the network, in the order of {@link OfflineCode}: shape, key id,
 * signature, clock, fingerprint, expiry. Pure: the caller supplies the time and the last-seen time
 * and moves last-seen forward afterwards (see {@link #passedClock}).
 */
public final class CertificateVerifier {

    /** How far the clock may be behind last-seen or issued_at before it counts as set back (clock drift, NTP steps). */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private final PublicKey key;
    private final String keyId;
    private final Duration tolerance;

    /** @param key the platform's certificate key; null when none is pinned or stored (every check answers UNKNOWN_KEY) */
    public CertificateVerifier(PublicKey key, Duration tolerance) {
        this.key = key;
        this.keyId = key == null ? null : PublicKeys.keyId(key);
        this.tolerance = tolerance;
    }

    public CertificateVerifier(PublicKey key) {
        this(key, DEFAULT_TOLERANCE);
    }

    /**
     * @param token    the certificate
     * @param hwid     this device's HWID (the fingerprint it was issued for)
     * @param now      the local clock
     * @param lastSeen the latest time seen before (null if never)
     */
    public OfflineCheck check(String token, String hwid, Instant now, Instant lastSeen) {
        if (token == null || token.isBlank()) {
            return OfflineCheck.refused(OfflineCode.NO_CERTIFICATE, "No certificate is stored", null);
        }
        LicenseCertificate c;
        try {
            c = LicenseCertificate.parse(token);
        } catch (IllegalArgumentException e) {
            return OfflineCheck.refused(OfflineCode.MALFORMED, e.getMessage(), null);
        }
        if (c.issuedAt() == null || c.notAfter() == null) {
            return OfflineCheck.refused(OfflineCode.MALFORMED, "issued_at or not_after is missing", c);
        }
        if (key == null) {
            return OfflineCheck.refused(OfflineCode.UNKNOWN_KEY,
                    "No public key is pinned or stored; fetch the platform's key once online", c);
        }
        if (c.keyId() != null && !c.keyId().equals(keyId)) {
            return OfflineCheck.refused(OfflineCode.UNKNOWN_KEY,
                    "Signed by key " + c.keyId() + ", this SDK holds key " + keyId, c);
        }
        if (!signatureHolds(c)) {
            return OfflineCheck.refused(OfflineCode.BAD_SIGNATURE, "The signature does not match the certificate", c);
        }
        if (lastSeen != null && now.isBefore(lastSeen.minus(tolerance))) {
            return OfflineCheck.refused(OfflineCode.CLOCK_TAMPERED,
                    "The clock (" + now + ") is behind a time already seen (" + lastSeen + ")", c);
        }
        Instant issued = c.issuedAt();
        if (issued != null && now.isBefore(issued.minus(tolerance))) {
            return OfflineCheck.refused(OfflineCode.CLOCK_TAMPERED,
                    "The clock (" + now + ") is before the certificate was issued (" + issued + ")", c);
        }
        String expected = c.deviceFingerprintHash();
        if (expected == null || hwid == null || !MessageDigest.isEqual(
                expected.toLowerCase().getBytes(StandardCharsets.US_ASCII), sha256(hwid.trim()).getBytes(StandardCharsets.US_ASCII))) {
            return OfflineCheck.refused(OfflineCode.FINGERPRINT_MISMATCH, "The certificate was issued for other hardware", c);
        }
        Instant notAfter = c.notAfter();
        if (!now.isBefore(notAfter)) {
            return OfflineCheck.refused(OfflineCode.EXPIRED, "The certificate expired at " + notAfter, c);
        }
        return new OfflineCheck(true, OfflineCode.VALID, "Valid until " + notAfter, c);
    }

    /** Whether a check got past the clock test, so that last-seen may move forward to now. */
    public static boolean passedClock(OfflineCheck check) {
        return switch (check.code()) {
            case VALID, FINGERPRINT_MISMATCH, EXPIRED -> true;
            default -> false;
        };
    }

    private boolean signatureHolds(LicenseCertificate c) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key);
            s.update(c.payloadBytes());
            return s.verify(c.signature());
        } catch (GeneralSecurityException e) {
            return false; // a signature of the wrong length, say: not ours
        }
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
