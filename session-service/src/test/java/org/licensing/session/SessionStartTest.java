package org.licensing.session;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.licensing.common.redis.RedisKeys;
import org.licensing.session.sessions.SessionKeys;
import org.licensing.session.support.Clients;
import org.licensing.session.support.Fixtures;
import org.licensing.session.support.ForeignSchemas;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;

@QuarkusTest
@QuarkusTestResource(ForeignSchemas.class)
class SessionStartTest {

    @Test
    void startAnswersASignedSessionTokenAndRecordsTheSession() {
        Fixtures.License license = Fixtures.license(null);
        Fixtures.Device device = Fixtures.device(license);
        Response r = Clients.start(license, device);
        r.then().statusCode(201)
                .body("session_id", notNullValue())
                .body("token_type", equalTo("Bearer"))
                .body("license_id", equalTo((int) license.id()))
                .body("device_id", equalTo((int) device.id()))
                .body("heartbeat_interval_seconds", equalTo(4))
                .body("expires_at", notNullValue());
        String sid = r.path("session_id");
        String token = r.path("token");

        JsonObject claims = new JsonObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
        assertEquals(Long.toString(license.ownerId()), claims.getString("sub"));
        assertEquals("CLIENT", claims.getJsonArray("groups").getString(0));
        assertEquals("session", claims.getString("typ"));
        assertEquals(sid, claims.getString("sid"));
        assertEquals(license.id(), claims.getLong("lic"));
        assertEquals(device.id(), claims.getLong("dev"));
        assertNotNull(claims.getString("jti"));
        assertTrue(claims.getLong("exp") > Instant.now().getEpochSecond());

        List<List<Object>> rows = Fixtures.query("SELECT license_id, device_id, account_id, client_version, language, jti,"
                + " session_data::text, ended_at, origin, token_hash FROM session.client_sessions WHERE id = ?::uuid", sid);
        assertEquals(1, rows.size());
        List<Object> row = rows.get(0);
        assertEquals(license.id(), row.get(0));
        assertEquals(device.id(), row.get(1));
        assertEquals(license.ownerId(), row.get(2));
        assertEquals("2.1.0", row.get(3));
        assertEquals("en", row.get(4));
        assertEquals(claims.getString("jti"), row.get(5));
        assertTrue(row.get(6).toString().contains("1920x1080"));
        assertEquals(null, row.get(7));
        assertEquals("API", row.get(8));
        assertEquals(64, row.get(9).toString().length());

        assertEquals(1, Fixtures.query("SELECT 1 FROM session.outbox WHERE event_type = 'session.started' AND payload LIKE ?",
                "%" + sid + "%").size());
        Map<String, String> live = Fixtures.redis().hash(String.class).hgetall(RedisKeys.session(license.id(), sid));
        assertEquals(Long.toString(license.id()), live.get("lic"));
        assertEquals(Long.toString(device.id()), live.get("dev"));
        assertEquals(sid, Fixtures.redis().value(String.class).get(RedisKeys.deviceOnline(license.id(), device.id())));
    }

    @Test
    void aStartFromDeviceServicesLookupEntryIsStillCheckedAgainstPostgreSql() {
        Fixtures.License license = Fixtures.license(2);
        Fixtures.Device bound = Fixtures.device(license);
        Fixtures.publishLookups(license, bound);
        String sid = Clients.start(license, bound).then().statusCode(201).extract().path("session_id");
        assertEquals(1, Fixtures.query("SELECT 1 FROM session.client_sessions WHERE id = ?::uuid", sid).size());
        assertEquals(1, Fixtures.query("SELECT 1 FROM session.outbox WHERE event_type = 'session.started' AND payload LIKE ?",
                "%" + sid + "%").size());

        // entries left behind by an unbind or a block whose Redis update was lost: PostgreSQL has the last word,
        // no session row, no event, and the seat taken for it is given back
        Fixtures.Device unbound = Fixtures.device(license, false, false);
        Fixtures.publishLookups(license, unbound);
        Clients.start(license, unbound).then().statusCode(403).body("code", equalTo("DEVICE_NOT_ACTIVATED"));
        Fixtures.Device blocked = Fixtures.device(license, true, true);
        Fixtures.publishLookups(license, blocked);
        Clients.start(license, blocked).then().statusCode(403).body("code", equalTo("DEVICE_BLOCKED"));
        assertEquals(0, Fixtures.query("SELECT 1 FROM session.client_sessions WHERE device_id IN (?, ?)", unbound.id(),
                blocked.id()).size());
        assertEquals(1L, Fixtures.redis().sortedSet(String.class).zcard(SessionKeys.seats(license.id())));
        // the second seat is still free for a real device
        Clients.start(license, Fixtures.device(license)).then().statusCode(201);
    }

    @Test
    void startRefusesBadInputAndUnusableLicensesAndDevices() {
        Fixtures.License license = Fixtures.license(null);
        Fixtures.Device device = Fixtures.device(license);
        given().contentType(ContentType.JSON).body(Map.of("device_id", "x", "client_version", "1"))
                .post("/api/v1/sessions").then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"))
                .body(containsString("license_key"));
        given().contentType(ContentType.JSON).body(Map.of("license_key", "not a key!", "device_id", "x", "client_version", "1"))
                .post("/api/v1/sessions").then().statusCode(400).body("code", equalTo("MALFORMED_KEY"));
        given().contentType(ContentType.JSON)
                .body(Map.of("license_key", "sess-unknown-" + System.nanoTime(), "device_id", "x", "client_version", "1"))
                .post("/api/v1/sessions").then().statusCode(404).body("code", equalTo("LICENSE_NOT_FOUND"));
        Clients.start(license, new Fixtures.Device(0, license.id(), "never-bound")).then().statusCode(403)
                .body("code", equalTo("DEVICE_NOT_ACTIVATED"));
        Clients.start(license, Fixtures.device(license, false, false)).then().statusCode(403)
                .body("code", equalTo("DEVICE_NOT_ACTIVATED"));
        Clients.start(license, Fixtures.device(license, true, true)).then().statusCode(403)
                .body("code", equalTo("DEVICE_BLOCKED"));

        Fixtures.License suspended = Fixtures.license(null, null, "SUSPENDED");
        Clients.start(suspended, Fixtures.device(suspended)).then().statusCode(403).body("code", equalTo("LICENSE_SUSPENDED"));
        Fixtures.License expired = Fixtures.license(null, Instant.now().minus(Duration.ofDays(1)), "ACTIVE");
        Clients.start(expired, Fixtures.device(expired)).then().statusCode(403).body("code", equalTo("LICENSE_EXPIRED"));
        Fixtures.License revoked = Fixtures.license(null, null, "REVOKED");
        Clients.start(revoked, Fixtures.device(revoked)).then().statusCode(403).body("code", equalTo("LICENSE_REVOKED"));
        Clients.start(license, device).then().statusCode(201);
    }

    @Test
    void floatingSeatLimitHoldsUnderParallelStarts() throws Exception {
        int seats = 3;
        int clients = 16;
        Fixtures.License license = Fixtures.license(seats);
        List<Fixtures.Device> devices = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            devices.add(Fixtures.device(license));
        }
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                Fixtures.Device d = devices.get(i % devices.size());
                Callable<Response> call = () -> {
                    go.await();
                    return Clients.start(license, d);
                };
                answers.add(pool.submit(call));
            }
            go.countDown();
            int created = 0;
            int refused = 0;
            List<String> tokens = new ArrayList<>();
            for (Future<Response> f : answers) {
                Response r = f.get();
                if (r.statusCode() == 201) {
                    created++;
                    tokens.add(r.path("token"));
                } else {
                    assertEquals(409, r.statusCode(), r.asString());
                    assertEquals("TOO_MANY_SESSIONS", r.path("code"));
                    refused++;
                }
            }
            assertEquals(seats, created);
            assertEquals(clients - seats, refused);
            assertEquals(seats, Fixtures.query("SELECT 1 FROM session.client_sessions WHERE license_id = ? AND ended_at IS NULL",
                    license.id()).size());

            // a sign-out frees its seat at once
            Clients.start(license, devices.get(0)).then().statusCode(409).body("max_sessions", equalTo(seats));
            Clients.signOut(tokens.get(0)).then().statusCode(200).body("end_reason", equalTo("signed_out"));
            Clients.start(license, devices.get(0)).then().statusCode(201);
            assertEquals(seats, Fixtures.redis().sortedSet(String.class).zcard(SessionKeys.seats(license.id())));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void unlimitedLicenseTakesAnyNumberOfSessions() {
        Fixtures.License license = Fixtures.license(null);
        Fixtures.Device device = Fixtures.device(license);
        for (int i = 0; i < 6; i++) {
            Clients.start(license, device).then().statusCode(201);
        }
    }

    @Test
    void zeroSeatsRefusesEveryStart() {
        Fixtures.License license = Fixtures.license(0);
        Clients.start(license, Fixtures.device(license)).then().statusCode(409).body("code", equalTo("TOO_MANY_SESSIONS"));
    }

    @Test
    void flagsPushedToRedisWinOverTheDatabaseAtStart() {
        Fixtures.License license = Fixtures.license(null);
        Fixtures.Device device = Fixtures.device(license);
        Fixtures.redis().value(String.class).set(RedisKeys.deviceBlocked(device.id()), "stolen");
        Clients.start(license, device).then().statusCode(403).body("code", equalTo("DEVICE_BLOCKED"))
                .body("detail", containsString("stolen"));
        Fixtures.redis().key().del(RedisKeys.deviceBlocked(device.id()));
        Fixtures.redis().value(String.class).set(RedisKeys.licenseStatus(license.id()), "SUSPENDED");
        Clients.start(license, device).then().statusCode(403).body("code", equalTo("LICENSE_SUSPENDED"));
        Fixtures.redis().value(String.class).set(RedisKeys.licenseStatus(license.id()), "ACTIVE");
        Clients.start(license, device).then().statusCode(201);
    }

    /** The cached entries are read together (one script on standalone Redis); each one missing is read from PostgreSQL. */
    @Test
    void eachCachedEntryAStartReadsFallsBackToPostgreSqlWhenMissing() {
        Fixtures.License license = Fixtures.license(null);
        Fixtures.Device device = Fixtures.device(license);
        String snapshot = RedisKeys.licenseSnapshot(license.id());
        String lookup = RedisKeys.deviceLookup(license.id(), device.clientDeviceId());
        // the key hash and the look-up entry cached, the snapshot not: read from PostgreSQL, then cached
        Fixtures.publishLookups(license, device);
        Fixtures.redis().key().del(snapshot);
        Clients.start(license, device).then().statusCode(201).body("device_id", equalTo((int) device.id()));
        assertNotNull(Fixtures.redis().value(String.class).get(snapshot));
        // all three cached
        Clients.start(license, device).then().statusCode(201).body("license_id", equalTo((int) license.id()));
        // no look-up entry: the device is read from PostgreSQL
        Fixtures.redis().key().del(lookup);
        Clients.start(license, device).then().statusCode(201).body("device_id", equalTo((int) device.id()));
        // a stale look-up entry (another, unbound device row) fails the insert's device check: PostgreSQL has the last word
        Fixtures.redis().value(String.class).set(lookup, Long.toString(Fixtures.device(license, false, false).id()));
        Clients.start(license, device).then().statusCode(201).body("device_id", equalTo((int) device.id()));
        Fixtures.redis().key().del(lookup);
        // no key-hash entry: the license is read by its key hash and the entry cached again
        Fixtures.redis().key().del(RedisKeys.licenseByKeyHash(license.keyHash()));
        Clients.start(license, device).then().statusCode(201);
        assertEquals(Long.toString(license.id()), Fixtures.redis().value(String.class).get(RedisKeys.licenseByKeyHash(license.keyHash())));
        // the key hash remembered as naming no license: not found, as before
        Fixtures.redis().value(String.class).set(RedisKeys.licenseByKeyHash(license.keyHash()), "none");
        Clients.start(license, device).then().statusCode(404).body("code", equalTo("LICENSE_NOT_FOUND"));
        Fixtures.redis().key().del(RedisKeys.licenseByKeyHash(license.keyHash()));
    }
}
