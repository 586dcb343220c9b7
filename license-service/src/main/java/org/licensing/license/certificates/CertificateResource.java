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

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.licensing.common.auth.Roles;
import org.licensing.common.licenses.LicenseSnapshot;
import org.licensing.common.licenses.LicenseSnapshots;
import org.licensing.common.problem.ProblemException;
import org.licensing.license.metering.LicenseAccess;
import org.licensing.license.validation.DeviceDirectory;
import org.licensing.license.validation.DeviceState;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

/**
 * {@code POST /api/v1/licenses/{id}/certificate}: an Ed25519-signed license certificate for
 * offline use. {@code certificate} is {@code base64url(payload JSON) + "." + base64url(signature)};
 * the signature covers the payload JSON bytes. Verify with {@code GET /api/v1/keys/public}.
 */
@Path("/api/v1/licenses/{id: \\d+}/certificate")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CertificateResource {

    public record Issued(String certificate, String algorithm, String keyId, Instant notAfter, CertificatePayload payload) {}

    private final CertificateSigner signer;
    private final LicenseSnapshots snapshots;
    private final DeviceDirectory devices;
    private final ObjectMapper json;
    private final JsonWebToken jwt;
    private final Duration defaultValidity;
    private final Duration maxValidity;

    public CertificateResource(CertificateSigner signer, LicenseSnapshots snapshots, DeviceDirectory devices,
            ObjectMapper json, JsonWebToken jwt,
            @ConfigProperty(name = "licensing.certificates.default-validity") Duration defaultValidity,
            @ConfigProperty(name = "licensing.certificates.max-validity") Duration maxValidity) {
        this.signer = signer;
        this.snapshots = snapshots;
        this.devices = devices;
        this.json = json;
        this.jwt = jwt;
        this.defaultValidity = defaultValidity;
        this.maxValidity = maxValidity;
    }

    @POST
    @RolesAllowed({ Roles.ADMIN, Roles.SELLER, Roles.CUSTOMER })
    public Uni<Issued> issue(@PathParam("id") long id, CertificateRequest body) {
        LicenseAccess access = LicenseAccess.of(jwt);
        CertificateRequest req = body == null ? new CertificateRequest(null, null, null) : body;
        if (req.fingerprint() == null || req.fingerprint().isBlank()) {
            throw ProblemException.invalidField("fingerprint", "is required (the device fingerprint or hardware id)");
        }
        if (req.validityDays() != null && req.validityDays() < 1) {
            throw ProblemException.invalidField("validity_days", "must be at least 1");
        }
        return snapshots.byId(id).map(l -> access.requireUse(l, id)).chain(l -> {
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            if (!l.isUsableAt(now)) {
                return Uni.createFrom().failure(ProblemException.conflict("LICENSE_NOT_USABLE",
                        "A certificate needs an active license; this one is " + (l.isActive() ? "EXPIRED" : l.status()))
                        .withExtension("license_status", l.status()));
            }
            Uni<Void> deviceCheck = req.deviceId() == null || req.deviceId().isBlank() ? Uni.createFrom().voidItem()
                    : devices.byClientId(l.id(), req.deviceId().trim()).map(d -> {
                        if (d.state() != DeviceState.BOUND) {
                            throw ProblemException.conflict(d.state() == DeviceState.BLOCKED ? "DEVICE_BLOCKED" : "DEVICE_NOT_ACTIVATED",
                                    "The device is not an active device of this license");
                        }
                        return null;
                    });
            return deviceCheck.map(x -> sign(l, req, now));
        });
    }

    private Issued sign(LicenseSnapshot l, CertificateRequest req, Instant now) {
        Duration validity = req.validityDays() == null ? defaultValidity : Duration.ofDays(req.validityDays());
        if (validity.compareTo(maxValidity) > 0) {
            validity = maxValidity;
        }
        Instant notAfter = now.plus(validity);
        if (l.expiresAt() != null && l.expiresAt().isBefore(notAfter)) {
            notAfter = l.expiresAt();
        }
        CertificatePayload payload = new CertificatePayload(1, "license-certificate", signer.keyId(), l.id(), l.productId(),
                l.productCode(), l.sellerId(), l.ownerAccountId(), sha256(req.fingerprint().trim()),
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
        return new Issued(certificate, CertificateSigner.ALGORITHM, signer.keyId(), notAfter, payload);
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
