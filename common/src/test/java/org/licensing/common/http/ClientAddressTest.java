package org.licensing.common.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ClientAddressTest {

    @Test
    void theAddressAppendedByTheTrustedProxyWinsOverWhatTheClientWrote() {
        // nginx / Envoy append the peer they saw; "6.6.6.6" was written by the client.
        assertEquals("203.0.113.9", ClientAddress.resolve("6.6.6.6, 203.0.113.9", "6.6.6.6", "10.0.0.2", 1));
        assertEquals("203.0.113.9", ClientAddress.resolve("203.0.113.9", null, "10.0.0.2", 1));
    }

    @Test
    void twoTrustedHopsReadOneFurtherLeft() {
        assertEquals("203.0.113.9", ClientAddress.resolve("6.6.6.6, 203.0.113.9, 10.0.0.7", null, "10.0.0.2", 2));
        assertEquals("6.6.6.6", ClientAddress.resolve("6.6.6.6", null, "10.0.0.2", 5));
    }

    @Test
    void withoutForwardedForTheRealIpHeaderThenThePeer() {
        assertEquals("198.51.100.4", ClientAddress.resolve(null, "198.51.100.4", "10.0.0.2", 1));
        assertEquals("10.0.0.2", ClientAddress.resolve(" ", null, "10.0.0.2", 1));
        assertEquals("10.0.0.2", ClientAddress.resolve("1.2.3.4", null, "10.0.0.2", 0));
    }
}
