package org.licensing.sdk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.licensing.sdk.internal.Json;
import org.licensing.sdk.internal.Values;

/**
 * What the SDK keeps between runs: the platform's public key, the offline certificate, the
 * last-seen time (clock-tamper detection) and the last good validation per request (grace).
 * In memory, or a JSON file rewritten atomically on every change. It raises the bar against
 * casual clock games; it is not DRM: whoever controls the machine can edit or delete it.
 */
public final class LicenseStore {

    private final Path file;
    private final Map<String, Object> data;

    private LicenseStore(Path file, Map<String, Object> data) {
        this.file = file;
        this.data = data;
    }

    public static LicenseStore inMemory() {
        return new LicenseStore(null, new LinkedHashMap<>());
    }

    /** A store in this file; read now if it exists (an unreadable file starts empty and is replaced). */
    public static LicenseStore file(Path file) {
        Map<String, Object> data = new LinkedHashMap<>();
        if (Files.isRegularFile(file)) {
            try {
                data.putAll(Json.parseObject(Files.readString(file, StandardCharsets.UTF_8)));
            } catch (IOException | IllegalArgumentException e) {
                // a torn or foreign file: start again (the certificate can be fetched again)
            }
        }
        return new LicenseStore(file, data);
    }

    public synchronized String certificate() {
        return Values.str(data, "certificate");
    }

    public synchronized void certificate(String token) {
        data.put("certificate", token);
        save();
    }

    /** The platform's public key (base64 SPKI DER) as fetched once, or null. */
    public synchronized String publicKey() {
        return Values.str(data, "public_key");
    }

    public synchronized void publicKey(String base64) {
        data.put("public_key", base64);
        save();
    }

    /** The latest time this SDK has seen on this machine's clock, or null. */
    public synchronized Instant lastSeen() {
        Long ms = Values.lng(data, "last_seen_ms");
        return ms == null ? null : Instant.ofEpochMilli(ms);
    }

    /** Moves last-seen forward to {@code now}; never back. */
    public synchronized void advanceLastSeen(Instant now) {
        Long ms = Values.lng(data, "last_seen_ms");
        if (ms == null || now.toEpochMilli() > ms) {
            data.put("last_seen_ms", now.toEpochMilli());
            save();
        }
    }

    synchronized Validation lastGood(String request) {
        Map<String, Object> v = Values.obj(Values.obj(data, "validations"), request);
        return v == null ? null : Validation.fromStored(v);
    }

    synchronized void lastGood(String request, Validation v) {
        Map<String, Object> all = Values.obj(data, "validations");
        Map<String, Object> copy = all == null ? new LinkedHashMap<>() : new LinkedHashMap<>(all);
        if (v == null) {
            copy.remove(request);
        } else {
            copy.put(request, v.toStored());
        }
        data.put("validations", copy);
        save();
    }

    private void save() {
        if (file == null) {
            return;
        }
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            Path tmp = Files.createTempFile(dir, ".licensing-store", ".tmp");
            Files.writeString(tmp, Json.write(data), StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the license store " + file, e);
        }
    }
}
