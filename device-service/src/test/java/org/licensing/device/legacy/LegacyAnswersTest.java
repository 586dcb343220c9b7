package org.licensing.device.legacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.licensing.common.problem.ProblemException;

class LegacyAnswersTest {

    @Test
    void inputChecks() {
        assertNull(LegacyAnswers.checkInput("KEY", "dev-1", null));
        assertEquals("Key and Device ID are required.", LegacyAnswers.checkInput("", "dev", null));
        assertEquals("Key and Device ID are required.", LegacyAnswers.checkInput("KEY", null, null));
        assertEquals("Invalid device ID.", LegacyAnswers.checkInput("KEY", "a b", null));
        assertEquals("User name is too long.", LegacyAnswers.checkInput("KEY", "d", "x".repeat(256)));
    }

    @Test
    void refusalsMapOntoStatusAndMessage() {
        assertEquals(Map.of("status", "blocked", "message", "Your access has been blocked."),
                LegacyAnswers.refusal(new ProblemException(403, "DEVICE_BLOCKED", "x")));
        assertEquals("error", LegacyAnswers.refusal(new ProblemException(409, "DEVICE_LIMIT_REACHED", "x")).get("status"));
        assertEquals("Invalid license key.", LegacyAnswers.refusal(new ProblemException(400, "MALFORMED_KEY", "x")).get("message"));
        assertEquals("blocked", LegacyAnswers.refusal(new ProblemException(409, "LICENSE_SUSPENDED", "x")).get("status"));
        assertEquals("something", LegacyAnswers.refusal(new ProblemException(400, "OTHER", "something")).get("message"));
    }
}
