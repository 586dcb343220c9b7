package org.licensing.device.activation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** HWIDs are stored only as SHA-256 hex (requirement 003 hwid_hash); the raw value is never kept. */
public final class Hwid {

    private Hwid() {}

    public static String hash(String hwid) {
        if (hwid == null || hwid.isBlank()) {
            return null;
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(hwid.trim().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
