package org.licensing.stats.usage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.licensing.common.auth.Roles;
import org.licensing.common.events.EventEnvelope;
import org.licensing.common.events.EventTypes;
import org.licensing.common.events.HeartbeatEntry;
import org.licensing.common.events.StreamConfig;
import org.licensing.common.testing.ForeignSchema;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.stream.XAddArgs;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;

/**
 * End to end through the service's own aggregation loop (its test streams): heartbeats and a session start
 * become statistics; who may read which statistics and events.
 */
@QuarkusTest
class StatisticsApiTest {

    private static final String URL = org.licensing.common.testing.TestInfra.JDBC_URL;
    static long admin, seller1, seller2, customer1, customer2, license1, license2, device1;
    static final long SECONDS = 90061; // 1d 1h 1m 1s
    static String sessionEventId;
    static boolean fed, sent;

    @Inject
    ReactiveRedisDataSource redis;
    @Inject
    StreamConfig streams;
    @Inject
    ObjectMapper json;

    @BeforeAll
    static void ownership() throws Exception {
        ForeignSchema.migrate("license");
        try (Connection c = DriverManager.getConnection(URL, "licensing", "licensing")) {
            admin = account(c, "ADMIN");
            seller1 = account(c, "SELLER");
            seller2 = account(c, "SELLER");
            customer1 = account(c, "CUSTOMER");
            customer2 = account(c, "CUSTOMER");
            license1 = license(c, product(c, seller1), seller1, customer1);
            license2 = license(c, product(c, seller2), seller2, customer2);
        }
        device1 = ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000_000L);
    }

    private static long account(Connection c, String role) throws Exception {
        String name = "st-" + UUID.randomUUID().toString().substring(0, 18);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO license.accounts (username, email, password_hash, role, seller_name) "
                + "VALUES (?, ?, 'x', ?, ?) RETURNING id")) {
            ps.setString(1, name);
            ps.setString(2, name + "@example.test");
            ps.setString(3, role);
            ps.setString(4, "SELLER".equals(role) ? name : null);
            return id(ps);
        }
    }

    private static long product(Connection c, long seller) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO license.products (seller_id, code, name) VALUES (?, 'API', 'Stats test') RETURNING id")) {
            ps.setLong(1, seller);
            return id(ps);
        }
    }

    private static long license(Connection c, long product, long seller, long owner) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO license.licenses (key_hash, key_encrypted, key_scheme, key_hint, "
                + "product_id, seller_id, owner_account_id, status) VALUES (?, 'enc', 'OPAQUE', 'hint', ?, ?, ?, 'ACTIVE') RETURNING id")) {
            ps.setString(1, (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "").substring(0, 64));
            ps.setLong(2, product);
            ps.setLong(3, seller);
            ps.setLong(4, owner);
            return id(ps);
        }
    }

    private static long id(PreparedStatement ps) throws Exception {
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String token(long account, String role) {
        return org.licensing.common.testing.TestTokens.sign(org.licensing.common.tokens.TokenKind.ACCESS, Jwt.subject(Long.toString(account)).groups(role));
    }

    private static io.restassured.specification.RequestSpecification as(long account, String role) {
        return given().auth().oauth2(token(account, role));
    }

    /** Sends one heartbeat and one session start for license1/customer1/device1 and waits for the loop to apply them. */
    private void feed() throws Exception {
        if (fed) {
            return;
        }
        if (!sent) { // once: a retry after a slow first wait must not double the expected numbers
            send();
            sent = true;
        }
        waitForIt(Instant.now().plusSeconds(30));
    }

    private void send() throws Exception {
        HeartbeatEntry beat = new HeartbeatEntry(1, UUID.randomUUID().toString(), "s-1", license1, customer1,
                Long.toString(device1), System.currentTimeMillis(), SECONDS, "session-test");
        redis.stream(String.class).xadd(streams.heartbeatsPartition("device:" + device1), new XAddArgs(), beat.toFields())
                .await().atMost(Duration.ofSeconds(5));
        EventEnvelope started = EventEnvelope.of(EventTypes.SESSION_STARTED).account(customer1).license(license1)
                .device(Long.toString(device1)).ip("203.0.113.9").build();
        sessionEventId = started.id();
        redis.stream(String.class).xadd(streams.eventsPartition(started.partitionKey()), new XAddArgs(),
                Map.of("event", json.writeValueAsString(started))).await().atMost(Duration.ofSeconds(5));
    }

    private void waitForIt(Instant deadline) throws Exception {
        while (Instant.now().isBefore(deadline)) {
            Map<String, Object> l = as(admin, Roles.ADMIN).get("/api/v1/stats/licenses/" + license1).then().statusCode(200)
                    .extract().jsonPath().getMap("");
            if (((Number) l.get("usage_seconds")).longValue() == SECONDS && ((Number) l.get("logins")).longValue() == 1) {
                fed = true;
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the aggregation loop did not apply the heartbeat and the session start in time");
    }

    @Test
    void licenseStatisticsFollowOwnership() throws Exception {
        feed();
        as(seller1, Roles.SELLER).get("/api/v1/stats/licenses/" + license1).then().statusCode(200)
                .body("usage_seconds", equalTo((int) SECONDS)).body("usage_time", equalTo("1d 1h 1m"))
                .body("logins", equalTo(1)).body("heartbeats", equalTo(1));
        as(customer1, Roles.CUSTOMER).get("/api/v1/stats/licenses/" + license1).then().statusCode(200);
        as(seller2, Roles.SELLER).get("/api/v1/stats/licenses/" + license1).then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        as(customer2, Roles.CUSTOMER).get("/api/v1/stats/licenses/" + license1).then().statusCode(403);
        as(customer2, Roles.CUSTOMER).get("/api/v1/stats/licenses/" + license2).then().statusCode(200).body("usage_seconds", equalTo(0));
        as(admin, Roles.ADMIN).get("/api/v1/stats/licenses/9000000000000000").then().statusCode(404).body("code", equalTo("LICENSE_NOT_FOUND"));
        as(seller1, Roles.SELLER).get("/api/v1/stats/licenses/" + license1 + "/devices").then().statusCode(200)
                .body("id", hasItem(Long.toString(device1)));
    }

    @Test
    void accountAndDeviceStatistics() throws Exception {
        feed();
        as(customer1, Roles.CUSTOMER).get("/api/v1/stats/me").then().statusCode(200)
                .body("usage_seconds", equalTo((int) SECONDS)).body("logins", equalTo(1));
        as(seller1, Roles.SELLER).get("/api/v1/stats/accounts/" + customer1).then().statusCode(200).body("usage_time", equalTo("1d 1h 1m"));
        as(seller2, Roles.SELLER).get("/api/v1/stats/accounts/" + customer1).then().statusCode(403);
        as(customer2, Roles.CUSTOMER).get("/api/v1/stats/accounts/" + customer1).then().statusCode(403);
        as(admin, Roles.ADMIN).get("/api/v1/stats/accounts/" + customer1).then().statusCode(200);
        as(admin, Roles.ADMIN).get("/api/v1/stats/accounts/9000000000000000").then().statusCode(404);

        as(customer1, Roles.CUSTOMER).get("/api/v1/stats/devices/" + device1).then().statusCode(200).body("usage_seconds", equalTo((int) SECONDS));
        as(customer2, Roles.CUSTOMER).get("/api/v1/stats/devices/" + device1).then().statusCode(403);
        as(seller2, Roles.SELLER).get("/api/v1/stats/devices/" + device1).then().statusCode(403);
        long unknownDevice = ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000_000L);
        as(admin, Roles.ADMIN).get("/api/v1/stats/devices/" + unknownDevice).then().statusCode(404)
                .body("code", equalTo("DEVICE_NOT_FOUND"));
    }

    @Test
    void globalStatisticsAreForAdministrators() throws Exception {
        feed();
        String online = "device:" + device1 + ":online";
        redis.value(String.class).setex(online, 30, "1").await().atMost(Duration.ofSeconds(5));
        as(admin, Roles.ADMIN).get("/api/v1/stats/global").then().statusCode(200)
                .body("logins", greaterThanOrEqualTo(1)).body("online_devices", greaterThanOrEqualTo(1));
        as(admin, Roles.ADMIN).get("/api/v1/stats/online").then().statusCode(200).body("method", equalTo("scan"));
        // session-service's sorted set of online devices (scored by flag expiry) is preferred when present.
        String set = "test-stats:online:devices";
        redis.sortedSet(String.class).zadd(set, System.currentTimeMillis() + 30_000, "d1").await().atMost(Duration.ofSeconds(5));
        redis.sortedSet(String.class).zadd(set, System.currentTimeMillis() + 30_000, "d2").await().atMost(Duration.ofSeconds(5));
        redis.sortedSet(String.class).zadd(set, System.currentTimeMillis() - 1_000, "expired").await().atMost(Duration.ofSeconds(5));
        as(admin, Roles.ADMIN).get("/api/v1/stats/online").then().statusCode(200).body("method", equalTo("zset"))
                .body("online_devices", equalTo(2));
        redis.key().del(set).await().atMost(Duration.ofSeconds(5));
        as(seller1, Roles.SELLER).get("/api/v1/stats/global").then().statusCode(403);
        as(customer1, Roles.CUSTOMER).get("/api/v1/stats/global").then().statusCode(403);
        given().get("/api/v1/stats/global").then().statusCode(401);
        as(admin, Roles.ADMIN).get("/api/v1/stats/servers").then().statusCode(200).body("id", hasItem("session-test"));
        as(admin, Roles.ADMIN).get("/api/v1/stats/aggregation").then().statusCode(200)
                .body("entries_applied_total", greaterThanOrEqualTo(2));
        redis.key().del(online).await().atMost(Duration.ofSeconds(5));
    }

    @Test
    void dailySeries() throws Exception {
        feed();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<Map<String, Object>> days = as(customer1, Roles.CUSTOMER)
                .get("/api/v1/stats/licenses/" + license1 + "/daily?from=" + today.minusDays(6) + "&to=" + today)
                .then().statusCode(200).extract().jsonPath().getList("days");
        assertEquals(7, days.size());
        assertEquals(today.toString(), days.get(6).get("day"));
        assertEquals((int) SECONDS, days.get(6).get("usage_seconds"));
        assertEquals(0, days.get(0).get("usage_seconds"));
        as(customer1, Roles.CUSTOMER).get("/api/v1/stats/licenses/" + license1 + "/daily?from=yesterday").then().statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"));
        as(admin, Roles.ADMIN).get("/api/v1/stats/global/daily?from=2020-01-01&to=2026-01-01").then().statusCode(400)
                .body("code", equalTo("RANGE_TOO_LARGE"));
        as(customer2, Roles.CUSTOMER).get("/api/v1/stats/licenses/" + license1 + "/daily").then().statusCode(403);
    }

    @Test
    void eventLogFollowsOwnershipAndPages() throws Exception {
        feed();
        as(customer1, Roles.CUSTOMER).get("/api/v1/events").then().statusCode(200).body("items.id", hasItem(sessionEventId));
        as(customer2, Roles.CUSTOMER).get("/api/v1/events").then().statusCode(200).body("items.id", not(hasItem(sessionEventId)));
        as(customer2, Roles.CUSTOMER).get("/api/v1/events?account_id=" + customer1).then().statusCode(403);
        as(seller1, Roles.SELLER).get("/api/v1/events?license_id=" + license1).then().statusCode(200)
                .body("items.id", hasItem(sessionEventId)).body("items[0].type", equalTo("session.started"))
                .body("items[0].ip", equalTo("203.0.113.9"));
        as(seller2, Roles.SELLER).get("/api/v1/events?license_id=" + license1).then().statusCode(200)
                .body("items.size()", equalTo(0));
        as(admin, Roles.ADMIN).get("/api/v1/events?type=session.started&account_id=" + customer1).then().statusCode(200)
                .body("items.size()", equalTo(1));
        as(admin, Roles.ADMIN).get("/api/v1/events?limit=0").then().statusCode(400);
        as(admin, Roles.ADMIN).get("/api/v1/events?cursor=@@").then().statusCode(400).body("code", equalTo("INVALID_CURSOR"));
        as(admin, Roles.ADMIN).get("/api/v1/events?from=2099-01-01T00:00:00Z").then().statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void pagesAreNewestFirstWithoutOverlap() throws Exception {
        long account = ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000_000L);
        for (int i = 0; i < 5; i++) {
            EventEnvelope e = EventEnvelope.of(EventTypes.LICENSE_VALIDATED).account(account).build();
            redis.stream(String.class).xadd(streams.eventsPartition(e.partitionKey()), new XAddArgs(),
                    Map.of("event", json.writeValueAsString(e))).await().atMost(Duration.ofSeconds(5));
        }
        Instant deadline = Instant.now().plusSeconds(20);
        while (as(admin, Roles.ADMIN).get("/api/v1/events?account_id=" + account).then().extract().jsonPath()
                .getList("items").size() < 5 && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        var first = as(admin, Roles.ADMIN).get("/api/v1/events?limit=3&account_id=" + account).then().statusCode(200).extract().jsonPath();
        String cursor = first.getString("next_cursor");
        assertNotNull(cursor);
        var second = as(admin, Roles.ADMIN).get("/api/v1/events?limit=3&account_id=" + account + "&cursor=" + cursor)
                .then().statusCode(200).extract().jsonPath();
        List<String> a = first.getList("items.id"), b = second.getList("items.id");
        assertEquals(3, a.size());
        assertEquals(2, b.size());
        assertTrue(b.stream().noneMatch(a::contains));
        assertEquals(null, second.getString("next_cursor"));
        List<String> ts = first.getList("items.ts");
        assertTrue(ts.get(0).compareTo(ts.get(2)) >= 0, "newest first");
    }
}
