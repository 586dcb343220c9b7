package org.licensing.license.webhooks;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WebhookTargetsTest {

    @Test
    void internalTargetsAreRecognised() {
        for (String h : new String[] { "localhost", "api.localhost", "127.0.0.1", "10.1.2.3", "172.20.0.1", "192.168.0.10",
                "169.254.169.254", "0.0.0.0", "[::1]", "::1", "fd00::1", "fe80::1", "::ffff:10.0.0.1", "db.internal" }) {
            assertTrue(WebhookTargets.isPrivate(h), h);
        }
    }

    @Test
    void publicTargetsAreAllowed() {
        for (String h : new String[] { "hooks.example.com", "203.0.113.10", "172.32.0.1", "2001:db8::1", "8.8.8.8" }) {
            assertFalse(WebhookTargets.isPrivate(h), h);
        }
    }
}
