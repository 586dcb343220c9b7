package org.licensing.sdk.offline;

/** The result of an offline check: {@code valid} only for {@link OfflineCode#VALID}; the certificate when it could be read. */
public record OfflineCheck(boolean valid, OfflineCode code, String detail, LicenseCertificate certificate) {

    static OfflineCheck refused(OfflineCode code, String detail, LicenseCertificate c) {
        return new OfflineCheck(false, code, detail, c);
    }
}
