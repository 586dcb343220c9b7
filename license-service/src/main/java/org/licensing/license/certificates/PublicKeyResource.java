package org.licensing.license.certificates;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/v1/keys/public}: the key that verifies offline certificates (no token needed). */
@Path("/api/v1/keys/public")
public class PublicKeyResource {

    public record PublicKeyInfo(String algorithm, String keyId, String publicKey, String publicKeyRaw, String publicKeyPem) {}

    private final CertificateSigner signer;

    public PublicKeyResource(CertificateSigner signer) {
        this.signer = signer;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public PublicKeyInfo publicKey() {
        return new PublicKeyInfo(CertificateSigner.ALGORITHM, signer.keyId(), signer.publicKeyBase64(),
                signer.publicKeyRawBase64(), signer.publicKeyPem());
    }
}
