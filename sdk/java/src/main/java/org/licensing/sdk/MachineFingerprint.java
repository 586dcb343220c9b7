package org.licensing.sdk;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A stable, hashed identifier of this machine, used as the HWID: the same inputs and formula as
 * sdk/js's {@code machineFingerprint()}, so one machine has one HWID whichever SDK computes it.
 * {@code LICENSING_FINGERPRINT} overrides it (containers, where the machine id is the image's): then it is the SHA-256 hex of that value, trimmed. Otherwise SHA-256 hex of
 * {@code "licensing-fingerprint:v1\n" + platform + "\n" + arch + "\n" + machineId}, where the
 * machine id is {@code /etc/machine-id} (else {@code /var/lib/dbus/machine-id}) on Linux,
 * {@code IOPlatformUUID} on macOS, {@code MachineGuid} on Windows, else the host name. Only the
 * hash ever leaves the machine.
 */
public final class MachineFingerprint {

    public static final String ENV_OVERRIDE = "LICENSING_FINGERPRINT";

    private MachineFingerprint() {}

    public static String compute() {
        return compute(System::getenv, MachineFingerprint::machineId);
    }

    /** The rule, with its inputs given (tests). */
    static String compute(Function<String, String> env, java.util.function.Supplier<String> machineId) {
        String override = env.apply(ENV_OVERRIDE);
        if (override != null && !override.isBlank()) {
            return sha256(override.trim());
        }
        return sha256("licensing-fingerprint:v1\n" + platform() + "\n" + arch() + "\n" + machineId.get());
    }

    public static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.startsWith("linux")) {
            return "linux";
        }
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            return "darwin";
        }
        if (os.startsWith("windows")) {
            return "windows";
        }
        return os;
    }

    public static String arch() {
        String a = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return Map.of("amd64", "x64", "x86_64", "x64", "aarch64", "arm64").getOrDefault(a, a);
    }

    static String machineId() {
        String id = switch (platform()) {
            case "linux" -> firstLine(Path.of("/etc/machine-id"), Path.of("/var/lib/dbus/machine-id"));
            case "darwin" -> afterKey(run("ioreg", "-rd1", "-c", "IOPlatformExpertDevice"), "IOPlatformUUID");
            case "windows" -> afterKey(run("reg", "query", "HKLM\\SOFTWARE\\Microsoft\\Cryptography", "/v", "MachineGuid"),
                    "MachineGuid");
            default -> null;
        };
        if (id != null && !id.isBlank()) {
            return id.trim();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown-host";
        }
    }

    private static String firstLine(Path... paths) {
        for (Path p : paths) {
            try {
                String s = Files.readString(p, StandardCharsets.UTF_8).trim();
                if (!s.isEmpty()) {
                    return s.lines().findFirst().orElse(s);
                }
            } catch (IOException | SecurityException e) {
                // next candidate
            }
        }
        return null;
    }

    private static String run(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            return p.waitFor(5, TimeUnit.SECONDS) ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The value after a key on its line: {@code "IOPlatformUUID" = "ABC..."} or {@code MachineGuid REG_SZ abc...}. */
    static String afterKey(String output, String key) {
        if (output == null) {
            return null;
        }
        for (String line : output.split("\\R")) {
            int k = line.indexOf(key);
            if (k < 0) {
                continue;
            }
            String rest = line.substring(k + key.length()).replace("\"", " ").replace("=", " ").trim();
            String[] parts = rest.split("\\s+");
            String last = parts[parts.length - 1];
            if (!last.isBlank() && !last.startsWith("REG_")) {
                return last;
            }
        }
        return null;
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
