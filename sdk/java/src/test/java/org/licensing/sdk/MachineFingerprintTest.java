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
        assertEquals(MachineFingerprint.sha256("licensing-fingerprint:v1\n" + MachineFingerprint.platform() + "\n"
                + MachineFingerprint.arch() + "\nmachine-a"), a, "the documented formula");
        assertEquals(MachineFingerprint.compute(), MachineFingerprint.compute(), "this machine: stable");
        if (MachineFingerprint.platform().equals("linux") && MachineFingerprint.arch().equals("x64")) {
            // computed independently, as sdk/js does: printf 'licensing-fingerprint:v1\nlinux\nx64\nmachine-a' | sha256sum
            assertEquals("21cc4088", a.substring(0, 8));
        }
    }

    @Test
    void theEnvironmentOverridesItForContainers() {
        String fp = MachineFingerprint.compute(Map.of("LICENSING_FINGERPRINT", "  pod-volume-7 ")::get, () -> "image-machine-id");
        assertEquals(MachineFingerprint.sha256("pod-volume-7"), fp);
        String blank = MachineFingerprint.compute(Map.of("LICENSING_FINGERPRINT", " ")::get, () -> "m");
        assertEquals(MachineFingerprint.compute(Map.<String, String>of()::get, () -> "m"), blank);
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
