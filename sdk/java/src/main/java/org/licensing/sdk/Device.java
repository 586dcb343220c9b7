package org.licensing.sdk;

import java.util.Map;

/**
 * The device an application runs on: its own {@code id} (printable ASCII, no spaces), the
 * {@code hwid} that binds it to this hardware (only its SHA-256 is stored by the platform), and
 * optional labels and a free-form fingerprint object shown to the seller.
 */
public record Device(String id, String hwid, String name, String userName, Map<String, Object> fingerprint) {

    public static Device of(String id, String hwid) {
        return new Device(id, hwid, null, null, null);
    }

    /** This machine: hwid = {@link MachineFingerprint#compute()}, id = {@code "fp-"} + its first 16 hex digits. */
    public static Device thisMachine(String name) {
        String fp = MachineFingerprint.compute();
        return new Device("fp-" + fp.substring(0, 16), fp, name, System.getProperty("user.name"),
                Map.of("platform", MachineFingerprint.platform(), "arch", MachineFingerprint.arch(),
                        "hardware_concurrency", Runtime.getRuntime().availableProcessors()));
    }

    public Device named(String n) {
        return new Device(id, hwid, n, userName, fingerprint);
    }
}
