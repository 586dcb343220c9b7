package org.licensing.license.certificates;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.Signature;

import org.junit.jupiter.api.Test;

class CertificateSignerTest {

    static final String SEED = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";

    @Test
    void theSameSeedGivesTheSameKeyPair() {
        CertificateSigner a = new CertificateSigner(SEED);
        CertificateSigner b = new CertificateSigner(SEED);
        assertArrayEquals(a.publicKey().getEncoded(), b.publicKey().getEncoded());
        assertEquals(a.keyId(), b.keyId());
        CertificateSigner c = new CertificateSigner(SEED.replace('0', '1'));
        assertNotEquals(a.keyId(), c.keyId());
    }

    @Test
    void signaturesVerifyWithThePublicKeyOnly() throws Exception {
        CertificateSigner s = new CertificateSigner(SEED);
        byte[] data = "{\"license_id\":1}".getBytes(StandardCharsets.UTF_8);
        byte[] sig = s.sign(data);
        Signature v = Signature.getInstance("Ed25519");
        v.initVerify(s.publicKey());
        v.update(data);
        assertTrue(v.verify(sig));
        assertEquals(44, java.util.Base64.getDecoder().decode(s.publicKeyRawBase64()).length + 12);
    }

    @Test
    void badSeedsAreRefusedAtStart() {
        assertThrows(IllegalStateException.class, () -> new CertificateSigner("abcd"));
        assertThrows(IllegalStateException.class, () -> new CertificateSigner("zz"));
    }
}
