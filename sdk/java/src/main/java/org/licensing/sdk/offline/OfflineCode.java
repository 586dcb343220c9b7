package org.licensing.sdk.offline;

/** Verdicts of an offline certificate check, in the order they are checked (the same codes in sdk/js). */
public enum OfflineCode {
    VALID,
    /** No certificate stored or given. */
    NO_CERTIFICATE,
    /** Not two base64url parts, or the payload is not a JSON object. */
    MALFORMED,
    /** {@code key_id} names another key than the platform key this SDK holds. */
    UNKNOWN_KEY,
    /** The Ed25519 signature does not cover these payload bytes: tampered or forged. */
    BAD_SIGNATURE,
    /** The clock is earlier than the last-seen time or than the certificate's {@code issued_at}. */
    CLOCK_TAMPERED,
    /** The certificate was issued for other hardware. */
    FINGERPRINT_MISMATCH,
    /** {@code not_after} has passed. */
    EXPIRED
}
