package org.licensing.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.licensing.sdk.session.Heartbeat;
import org.licensing.sdk.session.HeartbeatStatus;
import org.licensing.sdk.session.LicenseSession;
import org.licensing.sdk.session.SessionEnd;
import org.licensing.sdk.session.SessionListener;
import org.licensing.sdk.session.SessionOptions;

/** The heartbeat loop's own rules: the server's interval, Retry-After on 429/503, one end callback, then silence. */
class SessionLoopTest {

    static final String STARTED = "{\"session_id\":\"s-1\",\"token\":\"tok-1\",\"token_type\":\"Bearer\",\"license_id\":17,"
            + "\"device_id\":5,\"expires_at\":\"2026-12-02T12:00:00Z\",\"heartbeat_interval_seconds\":1,\"heartbeat_grace_seconds\":30}";
    static final String OK = "{\"status\":\"ok\",\"session_id\":\"s-1\",\"next_heartbeat_seconds\":1,\"credited_seconds\":1,\"usage_seconds\":1}";

    static final class Recorder implements SessionListener {
        final List<SessionEnd> ends = new CopyOnWriteArrayList<>();
        final List<Heartbeat> beats = new CopyOnWriteArrayList<>();
        final List<Duration> retries = new CopyOnWriteArrayList<>();
        final List<String> retryCodes = new CopyOnWriteArrayList<>();
        final CountDownLatch ended = new CountDownLatch(1);

        @Override
        public void onEnded(SessionEnd end) {
            ends.add(end);
            ended.countDown();
        }

        @Override
        public void onHeartbeat(Heartbeat beat) {
            beats.add(beat);
        }

        @Override
        public void onRetry(LicensingException error, Duration delay) {
            retries.add(delay);
            retryCodes.add(error.code());
        }
    }

    @Test
    void beatsRetriesOn429And503AfterRetryAfterAndStopsWhenBlocked() throws Exception {
        try (ScriptedGateway gw = new ScriptedGateway()) {
            gw.reply("POST /api/v1/sessions", 201, STARTED)
                    .reply("POST /api/v1/sessions/heartbeat", 200, OK)
                    .reply("POST /api/v1/sessions/heartbeat", 429, ScriptedGateway.problem(429, "RATE_LIMITED", "slow"),
                            Map.of("Retry-After", "1"))
                    .reply("POST /api/v1/sessions/heartbeat", 503, ScriptedGateway.problem(503, "SERVICE_UNAVAILABLE", "redis"),
                            Map.of("Retry-After", "1"))
                    .reply("POST /api/v1/sessions/heartbeat", 200,
                            "{\"status\":\"blocked\",\"session_id\":\"s-1\",\"end_reason\":\"blocked\",\"reason\":\"The device is blocked: chargeback\"}");
            Recorder r = new Recorder();
            LicensingClient client = LicensingClient.builder(gw.url()).licenseKey("K").random(() -> 0.5).build();
            LicenseSession s = client.startSession(SessionOptions.of("pc-1", "2.1.0").listener(r));
            assertEquals(Duration.ofSeconds(1), s.serverInterval());
            assertTrue(r.ended.await(15, TimeUnit.SECONDS), "the block reached the listener");
            assertEquals(1, r.beats.size());
            assertEquals(List.of("RATE_LIMITED", "SERVICE_UNAVAILABLE"), r.retryCodes);
            assertEquals(List.of(Duration.ofMillis(1050), Duration.ofMillis(1050)), r.retries, "Retry-After 1 s + 5 % jitter");
            assertEquals(SessionEnd.Status.BLOCKED, r.ends.get(0).status());
            assertTrue(r.ends.get(0).byPlatform());
            assertEquals("The device is blocked: chargeback", r.ends.get(0).reason());
            assertFalse(s.isRunning());
            long beats = gw.count("/api/v1/sessions/heartbeat");
            assertEquals(4, beats);
            Thread.sleep(2500);
            assertEquals(beats, gw.count("/api/v1/sessions/heartbeat"), "no beat after the end");
            assertEquals(1, r.ends.size());
            s.close();
            assertEquals(0, gw.received.stream().filter(x -> x.method().equals("DELETE")).count(), "nothing to sign out");
            assertEquals(1, r.ends.size(), "no second end on close");
            assertTrue(gw.received.stream().filter(x -> x.path().endsWith("/heartbeat"))
                    .allMatch(x -> "Bearer tok-1".equals(x.authorization())));
            assertTrue(gw.received.get(0).body().contains("\"client_version\":\"2.1.0\""));
        }
    }

    @Test
    void closeSignsOutAndARefusedTokenEndsTheSession() throws Exception {
        try (ScriptedGateway gw = new ScriptedGateway()) {
            gw.reply("POST /api/v1/sessions", 201, STARTED.replace("\"heartbeat_interval_seconds\":1", "\"heartbeat_interval_seconds\":60"))
                    .reply("POST /api/v1/sessions/heartbeat", 200, OK)
                    .reply("DELETE /api/v1/sessions/current", 200, "{\"session_id\":\"s-1\",\"end_reason\":\"signed_out\"}");
            LicensingClient client = LicensingClient.builder(gw.url()).licenseKey("K").build();
            Recorder r = new Recorder();
            LicenseSession s = client.startSession(SessionOptions.of("pc-1", "2.1.0").listener(r));
            assertEquals(HeartbeatStatus.OK, s.beatNow().status(), "a beat on demand");
            s.close();
            s.close();
            assertEquals(1, gw.received.stream().filter(x -> x.method().equals("DELETE") && "Bearer tok-1".equals(x.authorization())).count());
            assertThrows(IllegalStateException.class, s::beatNow);
            assertEquals(List.of(new SessionEnd(SessionEnd.Status.CLOSED, "signed_out", null, null)), r.ends, "told once");
        }
        try (ScriptedGateway gw = new ScriptedGateway()) {
            gw.reply("POST /api/v1/sessions", 201, STARTED.replace("\"heartbeat_interval_seconds\":1", "\"heartbeat_interval_seconds\":60"))
                    .reply("POST /api/v1/sessions/heartbeat", 401, ScriptedGateway.problem(401, "INVALID_SESSION_TOKEN", "expired"));
            Recorder r = new Recorder();
            LicenseSession s = LicensingClient.builder(gw.url()).licenseKey("K").build()
                    .startSession(SessionOptions.of("pc-1", "2.1.0").listener(r));
            assertEquals(HeartbeatStatus.EXPIRED, s.beatNow().status());
            assertEquals("INVALID_SESSION_TOKEN", r.ends.get(0).code());
            assertFalse(s.isRunning());
        }
    }

    @Test
    void aRefusedStartThrowsWithTheProblem() throws Exception {
        try (ScriptedGateway gw = new ScriptedGateway()) {
            gw.reply("POST /api/v1/sessions", 409,
                    "{\"status\":409,\"code\":\"TOO_MANY_SESSIONS\",\"detail\":\"1 of 1 seats\",\"max_sessions\":1}");
            LicensingClient client = LicensingClient.builder(gw.url()).licenseKey("K").build();
            LicensingException e = assertThrows(LicensingException.class,
                    () -> client.startSession(SessionOptions.of("pc-1", "2.1.0")));
            assertEquals("TOO_MANY_SESSIONS", e.code());
            assertEquals(1L, e.problem().get("max_sessions"));
        }
    }

    @Test
    void theIntervalMayOnlyBeShortened() {
        assertEquals(SessionOptions.MIN_INTERVAL, SessionOptions.of("d", "1").maxHeartbeatInterval(Duration.ofMillis(10))
                .maxHeartbeatInterval());
    }
}
