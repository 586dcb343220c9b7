package org.licensing.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class MachineFingerprintTest {

    @Test
    void stableHashedAndDifferentPerMachine() {
        String a = MachineFingerprint.compute(Map.<String, String>of()::get, () -> "machine-a");
        assertEquals(a, MachineFingerprint.compute(Map.<String, String>of()::get, () -> "machine-a"));
        assertNotEquals(a, MachineFingerprint.compute(Map.<String, String>of()::get, () -> "machine-b"));
        assertTrue(a.matches("[0-9a-f]{64}"), a);
        assertEquals(MachineFingerprint.sha256("licensing-fingerprint:v1:machine-a"), a, "the documented formula (as sdk/js)");
        // computed independently: printf licensing-fingerprint:v1:machine-a | sha256sum
        assertEquals("5046c36d", a.substring(0, 8));
        assertEquals(MachineFingerprint.compute(), MachineFingerprint.compute(), "this machine: stable");
    }

    @Test
    void theEnvironmentOverridesItForContainers() {
        String fp = MachineFingerprint.compute(Map.of("LICENSING_FINGERPRINT", "  pod-volume-7 ")::get, () -> "image-machine-id");
        assertEquals(MachineFingerprint.sha256("licensing-fingerprint:v1:pod-volume-7"), fp);
        String blank = MachineFingerprint.compute(Map.of("LICENSING_FINGERPRINT", " ")::get, () -> "m");
        assertEquals(MachineFingerprint.compute(Map.<String, String>of()::get, () -> "m"), blank);
        String noId = MachineFingerprint.compute(Map.<String, String>of()::get, () -> null);
        assertEquals(MachineFingerprint.hash(MachineFingerprint.hostAndMacs()), noId, "host name and MACs as the last resort");
    }

    @Test
    void machineIdsAreReadFromToolOutput() {
        assertEquals("1F2E3D4C-0000-1111-2222-333344445555", MachineFingerprint.afterKey(
                "    \"IOPlatformUUID\" = \"1F2E3D4C-0000-1111-2222-333344445555\"\n", "IOPlatformUUID"));
        assertEquals("0f1e2d3c-aaaa-bbbb-cccc-ddddeeeeffff", MachineFingerprint.afterKey(
                "\r\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\r\n    MachineGuid    REG_SZ    0f1e2d3c-aaaa-bbbb-cccc-ddddeeeeffff\r\n",
                "MachineGuid"));
    }

    @Test
    void thisMachineIsADeviceWhoseHwidIsTheFingerprint() {
        Device d = Device.thisMachine("PC");
        assertEquals(MachineFingerprint.compute(), d.hwid());
        assertEquals("fp-" + d.hwid().substring(0, 16), d.id());
    }
}
