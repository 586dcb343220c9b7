package org.licensing.license.certificates;

/**
 * Body of {@code POST /api/v1/licenses/{id}/certificate} (a person's token): the client
 * {@code device_id} of a device bound to the license, its {@code hwid} (whose SHA-256 must equal
 * the one stored at activation; {@code fingerprint} is the older name of the same field) and
 * {@code validity_days} (capped by configuration and by the license's expiry).
 */
public record CertificateRequest(String hwid, String fingerprint, String deviceId, Integer validityDays) {

    /** The HWID presented, under either name. */
    public String presentedHwid() {
        return hwid != null && !hwid.isBlank() ? hwid : fingerprint;
    }
}
