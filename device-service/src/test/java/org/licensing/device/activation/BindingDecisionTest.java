package org.licensing.device.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.licensing.common.problem.ProblemException;
import org.licensing.device.activation.BindingDecision.ExistingDevice;
import org.licensing.device.activation.BindingDecision.Outcome;

class BindingDecisionTest {

    static final String H1 = Hwid.hash("one");
    static final String H2 = Hwid.hash("two");

    @Test
    void newDeviceTakesAFreeSlot() {
        assertEquals(Outcome.BIND_NEW, BindingDecision.decide(null, H1, 2, 3));
    }

    @Test
    void fullLicenseRefusesNewAndUnboundDevices() {
        var e = assertThrows(ProblemException.class, () -> BindingDecision.decide(null, H1, 3, 3));
        assertEquals(409, e.status());
        assertEquals("DEVICE_LIMIT_REACHED", e.code());
        assertEquals(3, e.extensions().get("max_devices"));
        var unbound = new ExistingDevice(1, false, false, null, H1);
        assertEquals("DEVICE_LIMIT_REACHED", assertThrows(ProblemException.class, () -> BindingDecision.decide(unbound, H1, 3, 3)).code());
    }

    @Test
    void boundDeviceIsRefreshedEvenWhenTheLicenseIsFull() {
        assertEquals(Outcome.REFRESH, BindingDecision.decide(new ExistingDevice(1, true, false, null, H1), H1, 3, 3));
        assertEquals(Outcome.REFRESH, BindingDecision.decide(new ExistingDevice(1, true, false, null, null), H2, 3, 3));
    }

    @Test
    void boundWithAnHwidReactivatesOnlyWithTheSameHwid() {
        var e = assertThrows(ProblemException.class,
                () -> BindingDecision.decide(new ExistingDevice(1, true, false, null, H1), null, 1, 3));
        assertEquals(409, e.status());
        assertEquals("HWID_REQUIRED", e.code());
        assertEquals("HWID_MISMATCH", assertThrows(ProblemException.class,
                () -> BindingDecision.decide(new ExistingDevice(1, true, false, null, H1), H2, 1, 3)).code());
        assertEquals(Outcome.REFRESH, BindingDecision.decide(new ExistingDevice(1, true, false, null, H1), H1, 1, 3));
        // bound without one: any activation refreshes (and records the HWID presented, see ActivationService)
        assertEquals(Outcome.REFRESH, BindingDecision.decide(new ExistingDevice(1, true, false, null, null), null, 1, 3));
        // unbound: the device id may move (it takes a slot again)
        assertEquals(Outcome.REBIND, BindingDecision.decide(new ExistingDevice(1, false, false, null, H1), null, 0, 3));
    }

    @Test
    void unboundDeviceRebindsOnAnyHardware() {
        assertEquals(Outcome.REBIND, BindingDecision.decide(new ExistingDevice(1, false, false, null, H1), H2, 0, 1));
    }

    @Test
    void boundDeviceOnOtherHardwareIsRefused() {
        var e = assertThrows(ProblemException.class,
                () -> BindingDecision.decide(new ExistingDevice(1, true, false, null, H1), H2, 1, 3));
        assertEquals("HWID_MISMATCH", e.code());
    }

    @Test
    void blockedDeviceIsRefusedFirst() {
        var e = assertThrows(ProblemException.class,
                () -> BindingDecision.decide(new ExistingDevice(1, true, true, "fraud", H1), H2, 9, 3));
        assertEquals(403, e.status());
        assertEquals("DEVICE_BLOCKED", e.code());
        assertEquals("fraud", e.extensions().get("reason"));
    }

    @Test
    void zeroMeansUnlimited() {
        assertEquals(Outcome.BIND_NEW, BindingDecision.decide(null, null, 10_000, 0));
    }

    @Test
    void hwidHashIsSha256HexAndBlankMeansNone() {
        assertEquals("2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae", Hwid.hash("foo"));
        assertEquals(Hwid.hash("foo"), Hwid.hash("  foo "));
        assertEquals(null, Hwid.hash(" "));
    }
}
