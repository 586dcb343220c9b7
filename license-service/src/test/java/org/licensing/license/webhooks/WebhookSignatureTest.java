package org.licensing.license.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    @Test
    void signsTimestampDotBody() {
        // reference value: printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac whsec_test
        String h = WebhookSignature.header("whsec_test", 1700000000L, "{\"a\":1}");
        assertTrue(h.startsWith("t=1700000000,v1="));
        assertEquals(WebhookSignature.hmac("whsec_test", "1700000000.{\"a\":1}"), h.substring(h.indexOf("v1=") + 3));
        assertTrue(WebhookSignature.verify(h, "whsec_test", "{\"a\":1}", 1700000100L, 300));
    }

    @Test
    void refusesOtherBodiesSecretsAndOldTimestamps() {
        String h = WebhookSignature.header("whsec_test", 1700000000L, "{\"a\":1}");
        assertFalse(WebhookSignature.verify(h, "whsec_test", "{\"a\":2}", 1700000000L, 300));
        assertFalse(WebhookSignature.verify(h, "whsec_other", "{\"a\":1}", 1700000000L, 300));
        assertFalse(WebhookSignature.verify(h, "whsec_test", "{\"a\":1}", 1700000301L, 300));
        assertFalse(WebhookSignature.verify("v1=abc", "whsec_test", "{\"a\":1}", 1700000000L, 300));
        assertFalse(WebhookSignature.verify(null, "whsec_test", "{}", 0, 300));
    }

    @Test
    void secretsAreRandom() {
        assertFalse(WebhookSignature.newSecret().equals(WebhookSignature.newSecret()));
        assertTrue(WebhookSignature.newSecret().matches("^whsec_[0-9a-f]{64}$"));
    }

    @Test
    void backoffDoublesUpToACap() {
        Duration base = Duration.ofSeconds(30);
        assertEquals(Duration.ofSeconds(30), WebhookBackoff.after(1, base));
        assertEquals(Duration.ofSeconds(60), WebhookBackoff.after(2, base));
        assertEquals(Duration.ofSeconds(240), WebhookBackoff.after(4, base));
        assertEquals(Duration.ofDays(1), WebhookBackoff.after(40, base));
        assertFalse(WebhookBackoff.exhausted(7, 8));
        assertTrue(WebhookBackoff.exhausted(8, 8));
    }
}
