package org.licensing.session;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.licensing.common.auth.TokenBlacklist;
import org.licensing.common.auth.TokenClaims;
import org.licensing.common.events.HeartbeatEntry;
import org.licensing.common.events.StreamConfig;
import org.licensing.common.redis.RedisKeys;
import org.licensing.session.support.Clients;
import org.licensing.session.support.Fixtures;
import org.licensing.session.support.ForeignSchemas;

import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.jwt.build.Jwt;
import io.vertx.core.json.JsonObject;

@QuarkusTest
@QuarkusTestResource(ForeignSchemas.class)
class HeartbeatTest {

    @Inject
    StreamConfig streams;

    @Test
    void creditsTheTimeElapsedSinceThePreviousBeatAndAppendsToTheStream() throws Exception {
        Fixtures.License license = Fixtures.license(null);
        Fixtures.Device device = Fixtures.device(license);
        Response started = Clients.start(license, device);
        String token = started.path("token");
        String sid = started.path("session_id");

        Clients.beat(token).then().statusCode(200).body("status", equalTo("ok"))
                .body("next_heartbeat_seconds", equalTo(4)).body("session_id", equalTo(sid));
        Thread.sleep(1_150);
        int second = Clients.beat(token).then().statusCode(200).body("status", equalTo("ok")).extract().path("credited_seconds");
        assertTrue(second >= 1, "a beat 1.15 s after the previous one credits at least 1 s");
        long before = System.nanoTime();
        int repeat = Clients.beat(token).then().statusCode(200).extract().path("credited_seconds");
        if (System.nanoTime() - before < 900_000_000L) {
            assertEquals(0, repeat, "a repeat within a second credits nothing");
        }
        Thread.sleep(2_100);
        int last = Clients.beat(token).then().statusCode(200).extract().path("credited_seconds");
        assertTrue(last >= 2 && last <= 6, "credited " + last);

        List<StreamMessage<String, String, String>> entries = Fixtures.redis().stream(String.class)
                .xrange(streams.heartbeatsPartition("device:" + device.id()), StreamRange.of("-", "+"));
        List<HeartbeatEntry> mine = entries.stream().map(m -> HeartbeatEntry.fromFields(m.payload()))
                .filter(e -> sid.equals(e.sessionId())).toList();
        assertEquals(4, mine.size());
        assertEquals((long) second, mine.get(1).seconds());
        assertEquals((long) repeat, mine.get(2).seconds());
        assertEquals((long) last, mine.get(3).seconds());
        // whole seconds are never lost nor counted twice: the credits add up to the time since the start
        long startedAt = java.time.Instant.parse(started.path("started_at")).toEpochMilli();
        long total = mine.stream().mapToLong(HeartbeatEntry::seconds).sum();
        assertEquals((mine.get(3).ts() - startedAt) / 1000, total);
        HeartbeatEntry first = mine.get(0);
        assertEquals(1, first.version());
        assertEquals(license.id(), first.licenseId());
        assertEquals(license.ownerId(), first.accountId());
        assertEquals(Long.toString(device.id()), first.deviceId());
        assertEquals(sid + ":1", first.id());
        assertTrue(first.ts() > 0);
        assertEquals("local", first.server());
        assertEquals(4, mine.stream().map(HeartbeatEntry::id).distinct().count());
    }

    @Test
    void aBlockedDeviceIsToldAtItsNextBeatAndItsSessionEnds() {
        Fixtures.License license = Fixtures.license(2);
        Fixtures.Device device = Fixtures.device(license);
        Response started = Clients.start(license, device);
        String token = started.path("token");
        String sid = started.path("session_id");
        Clients.beat(token).then().body("status", equalTo("ok"));

        // device-service pushes the block at commit time
        Fixtures.redis().value(String.class).set(RedisKeys.deviceBlocked(device.id()), "chargeback");
        Clients.beat(token).then().statusCode(200).body("status", equalTo("blocked")).body("end_reason", equalTo("blocked"))
                .body("reason", containsString("chargeback"));
        Clients.beat(token).then().statusCode(200).body("status", equalTo("blocked"));
        assertEquals(null, Fixtures.redis().value(String.class).get(RedisKeys.deviceOnline(license.id(), device.id())));

        awaitEnded(sid, "blocked");
        // the closer blacklists the token after the row's commit (SessionCloser.close): on a Redis Cluster
        // that second write has been seen to land after awaitEnded returned, so it is awaited too
        String jti = jti(token);
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!Fixtures.redis().key().exists(TokenBlacklist.jtiKey(jti)) && System.nanoTime() < deadline) {
            sleepQuietly(100);
        }
        assertEquals(1, Fixtures.redis().key().exists(TokenBlacklist.jtiKey(jti)) ? 1 : 0);
        assertEquals(1, Fixtures.query("SELECT 1 FROM session.outbox WHERE event_type = 'session.ended' AND payload LIKE ?",
                "%" + sid + "%").size());
        // the seat is free again
        Fixtures.redis().key().del(RedisKeys.deviceBlocked(device.id()));
        Clients.start(license, device).then().statusCode(201);
        Clients.start(license, device).then().statusCode(201);
        Clients.start(license, device).then().statusCode(409);
    }

    @Test
    void licenseStatusFlagsReachTheNextBeat() {
        Fixtures.License license = Fixtures.license(null);
        Fixtures.Device device = Fixtures.device(license);
        String revokedToken = Clients.session(license, device);
        String suspendedToken = Clients.session(license, device);
        Clients.beat(revokedToken).then().body("status", equalTo("ok"));

        Fixtures.redis().value(String.class).set(RedisKeys.licenseStatus(license.id()), "REVOKED");
        Clients.beat(revokedToken).then().statusCode(200).body("status", equalTo("revoked"))
                .body("end_reason", equalTo("license_revoked"));
        Fixtures.redis().value(String.class).set(RedisKeys.licenseStatus(license.id()), "SUSPENDED");
        Clients.beat(suspendedToken).then().statusCode(200).body("status", equalTo("blocked"))
                .body("end_reason", equalTo("license_suspended"));
        Fixtures.redis().value(String.class).set(RedisKeys.licenseStatus(license.id()), "ACTIVE");
        String again = Clients.session(license, device);
        Clients.beat(again).then().body("status", equalTo("ok"));
    }

    @Test
    void aRevokedTokenEndsItsSessionAtTheNextBeat() {
        Fixtures.License license = Fixtures.license(null);
        Fixtures.Device device = Fixtures.device(license);
        Response started = Clients.start(license, device);
        String token = started.path("token");
        Clients.beat(token).then().body("status", equalTo("ok"));
        Fixtures.redis().value(String.class).setex(TokenBlacklist.jtiKey(jti(token)), 600, "1");
        Clients.beat(token).then().statusCode(200).body("status", equalTo("revoked")).body("end_reason", equalTo("revoked"));
        awaitEnded(started.path("session_id"), "revoked");
    }

    @Test
    void aSuspendedAccountIsBlocked() {
        Fixtures.License license = Fixtures.license(null);
        Fixtures.Device device = Fixtures.device(license);
        String token = Clients.session(license, device);
        Fixtures.redis().value(String.class).setex(TokenBlacklist.suspendedAccountKey(Long.toString(license.ownerId())), 600, "1");
        Clients.beat(token).then().statusCode(200).body("status", equalTo("blocked"))
                .body("end_reason", equalTo("account_suspended"));
    }

    @Test
    void tokensThatAreNotValidSessionTokensGet401() {
        Clients.beat("garbage").then().statusCode(401).body("code", equalTo("INVALID_SESSION_TOKEN"));
        io.restassured.RestAssured.given().post("/api/v1/sessions/heartbeat").then().statusCode(401);
        String access = Fixtures.token(1, "CUSTOMER");
        Clients.beat(access).then().statusCode(401);
        String expired = org.licensing.common.testing.TestTokens.sign(org.licensing.common.tokens.TokenKind.SESSION,
                Jwt.subject("1").groups(Set.of("CLIENT")).claim(TokenClaims.SESSION_ID, "x")
                        .issuedAt(java.time.Instant.now().minusSeconds(1200)).expiresAt(java.time.Instant.now().minusSeconds(600)));
        Clients.beat(expired).then().statusCode(401);
    }

    @Test
    void aDeviceBeatingTooFastGets429() {
        Fixtures.License license = Fixtures.license(null);
        Fixtures.Device device = Fixtures.device(license);
        String token = Clients.session(license, device);
        for (int i = 0; i < 40; i++) {
            Clients.beat(token).then().statusCode(200).body("status", equalTo("ok"));
        }
        Clients.beat(token).then().statusCode(429).body("code", equalTo("RATE_LIMITED")).header("Retry-After", notNullValue());
        // another device of the same license is not affected
        Clients.beat(Clients.session(license, Fixtures.device(license))).then().statusCode(200);
    }

    @Test
    void signOutEndsTheSessionAndRevokesTheToken() {
        Fixtures.License license = Fixtures.license(1);
        Fixtures.Device device = Fixtures.device(license);
        Response started = Clients.start(license, device);
        String token = started.path("token");
        String sid = started.path("session_id");
        Clients.beat(token).then().body("status", equalTo("ok"));
        Clients.signOut(token).then().statusCode(200).body("session_id", equalTo(sid)).body("end_reason", equalTo("signed_out"))
                .body("duration_seconds", notNullValue()).body("ended_at", notNullValue());
        List<List<Object>> rows = Fixtures.query("SELECT end_reason, ended_at IS NOT NULL, duration_seconds FROM session.client_sessions"
                + " WHERE id = ?::uuid", sid);
        assertEquals("signed_out", rows.get(0).get(0));
        assertEquals(true, rows.get(0).get(1));
        Clients.beat(token).then().statusCode(200).body("status", equalTo("expired")).body("end_reason", equalTo("signed_out"));
        Clients.signOut(token).then().statusCode(401); // the jti is on the blacklist
        Clients.start(license, device).then().statusCode(201); // seat freed
    }

    @Test
    void theSessionHashLivesAsLongAsItsTokenWithoutATtlRefreshPerBeat() {
        Fixtures.License license = Fixtures.license(null);
        Response started = Clients.start(license, Fixtures.device(license));
        String token = started.path("token");
        String key = RedisKeys.session(license.id(), started.path("session_id"));
        long lifetime = Duration.ofHours(1).toMillis();
        assertTrue(Fixtures.redis().key().pttl(key) > lifetime, "set at start to the token's life (24 h here)");
        Clients.beat(token).then().body("status", equalTo("ok"));

        // a session opened by the previous build: a 10-minute TTL it expected every beat to refresh
        Fixtures.redis().hash(String.class).hset(key, "lease_until", "1");
        Fixtures.redis().key().pexpire(key, Duration.ofMinutes(10));
        Clients.beat(token).then().body("status", equalTo("ok"));
        assertTrue(Fixtures.redis().key().pttl(key) > lifetime, "its first beat gives it the token's life once");
        assertTrue(!live(license.id(), started.path("session_id")).containsKey("lease_until"));
    }

    static String jti(String token) {
        return new JsonObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8))
                .getString("jti");
    }

    static void awaitEnded(String sid, String reason) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            List<List<Object>> rows = Fixtures.query("SELECT end_reason FROM session.client_sessions WHERE id = ?::uuid"
                    + " AND ended_at IS NOT NULL", sid);
            if (!rows.isEmpty()) {
                assertEquals(reason, rows.get(0).get(0));
                return;
            }
            sleepQuietly(200);
        }
        throw new AssertionError("session " + sid + " was not closed in PostgreSQL");
    }

    static Map<String, String> live(long licenseId, String sid) {
        return Fixtures.redis().hash(String.class).hgetall(RedisKeys.session(licenseId, sid));
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
