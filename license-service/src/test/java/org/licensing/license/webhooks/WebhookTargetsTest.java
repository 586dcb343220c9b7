package org.licensing.license.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

class WebhookTargetsTest {

    @Test
    void internalTargetsAreRecognised() {
        for (String h : new String[] { "localhost", "api.localhost", "127.0.0.1", "10.1.2.3", "172.20.0.1", "192.168.0.10",
                "169.254.169.254", "0.0.0.0", "[::1]", "::1", "fd00::1", "fe80::1", "::ffff:10.0.0.1", "db.internal",
                // IANA special-purpose blocks the first list missed (the whole list: SpecialPurposeAddressesTest)
                "198.18.0.1", "198.19.255.254", "192.0.0.8", "240.0.0.1", "255.255.255.255", "64:ff9b::a00:1",
                "2002:a00:1::1", "203.0.113.10", "2001:db8::1", "[2001:db8::1]" }) {
            assertTrue(WebhookTargets.isPrivate(h), h);
        }
    }

    @Test
    void publicTargetsAreAllowed() {
        // 203.0.113.10 and 2001:db8::1 used to be here: documentation blocks are special-purpose, never a target
        for (String h : new String[] { "hooks.example.com", "93.184.215.14", "172.32.0.1", "2606:4700:4700::1111", "8.8.8.8" }) {
            assertFalse(WebhookTargets.isPrivate(h), h);
        }
    }

    @Test
    void aDeliveryGoesOnlyToANameWhoseEveryAddressIsPublic() throws Exception {
        InetAddress pub = InetAddress.getByAddress("hooks.example.com", new byte[] { (byte) 93, (byte) 184, (byte) 215, 14 });
        InetAddress pub6 = InetAddress.getByAddress("hooks.example.com", InetAddress.getByName("2606:4700:4700::1111").getAddress());
        InetAddress benchmarking = InetAddress.getByAddress("hooks.example.com", new byte[] { (byte) 198, 18, 0, 1 });
        InetAddress nat64 = InetAddress.getByAddress("hooks.example.com", InetAddress.getByName("64:ff9b::a00:1").getAddress());
        InetAddress internal = InetAddress.getByAddress("hooks.example.com", new byte[] { 10, 0, 0, 7 });
        InetAddress metadata = InetAddress.getByAddress("hooks.example.com", new byte[] { (byte) 169, (byte) 254, (byte) 169, (byte) 254 });
        InetAddress uniqueLocal = InetAddress.getByAddress("hooks.example.com", InetAddress.getByName("fd12::1").getAddress());

        assertEquals(pub, WebhookTargets.publicAddress("hooks.example.com", new InetAddress[] { pub, pub6 }));
        for (InetAddress bad : new InetAddress[] { internal, metadata, uniqueLocal, benchmarking, nat64,
                InetAddress.getLoopbackAddress() }) {
            assertThrows(WebhookTargets.PrivateTargetException.class,
                    () -> WebhookTargets.publicAddress("hooks.example.com", new InetAddress[] { pub, bad }), bad.toString());
        }
        assertThrows(WebhookTargets.PrivateTargetException.class,
                () -> WebhookTargets.publicAddress("hooks.example.com", new InetAddress[0]));
    }
}
