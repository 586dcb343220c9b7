package org.licensing.sdk;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.NetworkInterface;
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
 * A stable, hashed identifier of this machine, used as the HWID; the same inputs and formula as
 * sdk/js's {@code machineFingerprint()}, so both SDKs name one machine alike. The input is
 * {@code LICENSING_FINGERPRINT} when set and not blank (containers, where the machine id is the
 * image's: give a stable id of the deployment), else the OS machine id: {@code /etc/machine-id}
 * or {@code /var/lib/dbus/machine-id} (Linux), {@code IOPlatformUUID} (macOS, {@code ioreg}),
 * {@code MachineGuid} (Windows registry), else {@code hostname + "|" + the sorted, distinct MAC
 * addresses (aa:bb:..) of the non-loopback interfaces joined by ","}. The fingerprint is the
 * SHA-256 hex of {@code "licensing-fingerprint:v1:" + input.trim()}: the raw id never leaves the machine.
 */
public final class MachineFingerprint {

    public static final String ENV_OVERRIDE = "LICENSING_FINGERPRINT";
    public static final String PREFIX = "licensing-fingerprint:v1:";

    private MachineFingerprint() {}

    public static String compute() {
        return compute(System::getenv, MachineFingerprint::machineId);
    }

    /** The rule, with its inputs given (tests). */
    static String compute(Function<String, String> env, java.util.function.Supplier<String> machineId) {
        String override = env.apply(ENV_OVERRIDE);
        if (override != null && !override.isBlank()) {
            return hash(override);
        }
        String id = machineId.get();
        return hash(id != null && !id.isBlank() ? id : hostAndMacs());
    }

    static String hash(String input) {
        return sha256(PREFIX + input.trim());
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
        return id == null || id.isBlank() ? null : id.trim();
    }

    /** The last resort: host name and hardware addresses (changes when a network card does). */
    static String hostAndMacs() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown-host";
        }
        java.util.TreeSet<String> macs = new java.util.TreeSet<>();
        try {
            for (NetworkInterface n : java.util.Collections.list(NetworkInterface.getNetworkInterfaces())) {
                byte[] mac = n.isLoopback() ? null : n.getHardwareAddress();
                if (mac != null && mac.length > 0 && !allZero(mac)) {
                    macs.add(HexFormat.ofDelimiter(":").formatHex(mac));
                }
            }
        } catch (IOException e) {
            // no interfaces readable: the host name alone
        }
        return host + "|" + String.join(",", macs);
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
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
