package org.licensing.license.certificates;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.licensing.common.licenses.LicenseSnapshot;
import org.licensing.common.problem.ProblemException;
import org.licensing.license.validation.DeviceDirectory;
import org.licensing.license.LicenseCodes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

/**
 * Issues an offline certificate for a license whose caller is already authorised (a person's token
 * or the license key):
 * <ol>
 * <li>the license is usable now;</li>
 * <li>the device is bound, not blocked, and bound with this HWID ({@link CertificateRules});</li>
 * <li>the certificate is recorded (so it can be listed and revoked), then signed.</li>
 * </ol>
 */
@ApplicationScoped
public class CertificateIssuer {

    /** The answer: {@code certificate} is {@code base64url(payload JSON) + "." + base64url(signature)}. */
    public record Issued(String certificate, String certificateId, String algorithm, String keyId, Instant notAfter,
            CertificatePayload payload) {}

    private final CertificateSigner signer;
    private final DeviceDirectory devices;
    private final CertificateStore store;
    private final ObjectMapper json;
    private final Duration defaultValidity;
    private final Duration maxValidity;

    public CertificateIssuer(CertificateSigner signer, DeviceDirectory devices, CertificateStore store, ObjectMapper json,
            @ConfigProperty(name = "licensing.certificates.default-validity") Duration defaultValidity,
            @ConfigProperty(name = "licensing.certificates.max-validity") Duration maxValidity) {
        this.signer = signer;
        this.devices = devices;
        this.store = store;
        this.json = json;
        this.defaultValidity = defaultValidity;
        this.maxValidity = maxValidity;
    }

    /** Refuses a request missing its device or HWID before any look-up. */
    public static void checkRequest(String deviceId, String hwid, Integer validityDays) {
        if (deviceId == null || deviceId.isBlank()) {
            throw ProblemException.invalidField("device_id", "is required (the device the certificate is for)");
        }
        if (hwid == null || hwid.isBlank()) {
            throw ProblemException.invalidField("hwid", "is required (the hardware id the device was activated with)");
        }
        CertificateRules.checkValidityDays(validityDays);
    }

    public Uni<Issued> issue(LicenseSnapshot l, String deviceId, String hwid, Integer validityDays,
            CertificateStore.Issuer issuer) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        if (!l.isUsableAt(now)) {
            return Uni.createFrom().failure(ProblemException.conflict(LicenseCodes.LICENSE_NOT_USABLE,
                    "A certificate needs an active license; this one is " + (l.isActive() ? "EXPIRED" : l.status()))
                    .withExtension("license_status", l.status()));
        }
        String hwidHash = sha256(hwid.trim());
        return devices.binding(l.id(), deviceId.trim()).chain(device -> {
            CertificateRules.requireIssuable(device, hwidHash);
            Instant notAfter = CertificateRules.notAfter(now, validityDays, defaultValidity, maxValidity, l.expiresAt());
            UUID id = UUID.randomUUID();
            return store.record(id, l.id(), device.rowId(), device.deviceId(), hwidHash, signer.keyId(), now, notAfter, issuer)
                    .map(x -> sign(l, id, device, hwidHash, now, notAfter));
        });
    }

    private Issued sign(LicenseSnapshot l, UUID id, DeviceDirectory.Binding device, String hwidHash, Instant now,
            Instant notAfter) {
        CertificatePayload payload = new CertificatePayload(1, "license-certificate", id.toString(), signer.keyId(), l.id(),
                l.productId(), l.productCode(), l.sellerId(), l.ownerAccountId(), device.deviceId(), device.rowId(), hwidHash,
                new CertificatePayload.Entitlements(l.privilege(), l.term(), l.type(), l.maxDevices(), l.maxSessions(),
                        l.usageLimits() == null ? Map.of() : l.usageLimits(), l.domainRestrictions(), l.ipRestrictions()),
                l.status(), l.expiresAt(), now, notAfter);
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String certificate = b64.encodeToString(bytes) + "." + b64.encodeToString(signer.sign(bytes));
        return new Issued(certificate, id.toString(), CertificateSigner.ALGORITHM, signer.keyId(), notAfter, payload);
    }

    /** SHA-256 hex of the trimmed HWID: the same digest device-service stores at activation. */
    public static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
