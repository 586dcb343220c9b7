package org.licensing.common.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.licensing.common.events.StreamPartitions;
import org.licensing.common.ratelimit.RateLimitDecision;

class ProblemTest {

    @Test
    void bodyCarriesTypeCodeAndFields() {
        Map<String, Object> body = Problem.body(409, "DEVICE_LIMIT_REACHED", "3 of 3 devices bound",
                List.of(new ProblemException.FieldError("device_id", "taken")));
        assertEquals("https://licensing.dev/problems/device-limit-reached", body.get("type"));
        assertEquals("Conflict", body.get("title"));
        assertEquals(409, body.get("status"));
        assertEquals("DEVICE_LIMIT_REACHED", body.get("code"));
        assertEquals(1, ((List<?>) body.get("errors")).size());
    }

    @Test
    void fieldNamesFollowTheJsonNamingStrategy() {
        assertEquals("max_devices", ProblemMappers.snake("maxDevices"));
        assertEquals("key", ProblemMappers.snake("key"));
    }

    @Test
    void partitionsAreStableAndInRange() {
        for (int i = 0; i < 1000; i++) {
            int p = StreamPartitions.of("device:" + i, 4);
            assertEquals(p, StreamPartitions.of("device:" + i, 4));
            org.junit.jupiter.api.Assertions.assertTrue(p >= 0 && p < 4);
        }
    }

    @Test
    void rateLimitDecisionRoundsRetryUp() {
        RateLimitDecision over = new RateLimitDecision(10, 11, 1500, 0, false);
        assertEquals(false, over.allowed());
        assertEquals(2, over.retryAfterSeconds());
        assertEquals(0, over.remaining());
        RateLimitDecision blocked = new RateLimitDecision(10, 0, 0, 60_000, false);
        assertEquals(true, blocked.ipBlocked());
        assertEquals(60, blocked.retryAfterSeconds());
    }
}
