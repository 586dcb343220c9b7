package org.licensing.common.keys;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 with one initialised {@link Mac} per thread and secret: looking the algorithm up and
 * initialising it cost several times the MAC of a license key, twice on every validation (checksum
 * and key hash). A {@code Mac} is not thread-safe, hence per thread; {@code doFinal} leaves it ready
 * for the next message under the same key.
 */
final class HmacSha256 {

    private record KeyedMac(String secret, Mac mac) {}

    /** The last two secrets of this thread (a service uses its checksum secret and its hash secret). */
    private static final ThreadLocal<KeyedMac[]> MACS = ThreadLocal.withInitial(() -> new KeyedMac[2]);

    private HmacSha256() {}

    static byte[] of(String secret, String message) {
        return mac(secret).doFinal(message.getBytes(StandardCharsets.UTF_8));
    }

    private static Mac mac(String secret) {
        KeyedMac[] macs = MACS.get();
        for (KeyedMac m : macs) {
            if (m != null && m.secret().equals(secret)) {
                return m.mac();
            }
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            macs[1] = macs[0];
            macs[0] = new KeyedMac(secret, mac);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
