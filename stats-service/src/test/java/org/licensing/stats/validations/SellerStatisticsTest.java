package org.licensing.stats.validations;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
import io.restassured.path.json.JsonPath;
import io.smallrye.jwt.build.Jwt;

/**
 * Seller-wide figures through the service's own aggregation loop: validation outcomes per day (counted
 * once however often an event is delivered) and usage summed over all of a seller's licenses.
 */
@QuarkusTest
class SellerStatisticsTest {

    private static final String URL = org.licensing.common.testing.TestInfra.JDBC_URL;
    static long seller, otherSeller, customer, licenseA, licenseB, foreignLicense;

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
            seller = insert(c, "INSERT INTO license.accounts (username, email, password_hash, role, seller_name) "
                    + "VALUES (?, ?, 'x', 'SELLER', ?) RETURNING id", 3);
            otherSeller = insert(c, "INSERT INTO license.accounts (username, email, password_hash, role, seller_name) "
                    + "VALUES (?, ?, 'x', 'SELLER', ?) RETURNING id", 3);
            customer = insert(c, "INSERT INTO license.accounts (username, email, password_hash, role) "
                    + "VALUES (?, ?, 'x', 'CUSTOMER') RETURNING id", 2);
            licenseA = license(c, seller);
            licenseB = license(c, seller);
            foreignLicense = license(c, otherSeller);
        }
    }

    /** Fills the first {@code names} parameters with one fresh name (username, e-mail, seller name). */
    private static long insert(Connection c, String sql, int names) throws Exception {
        String name = "sv-" + UUID.randomUUID().toString().substring(0, 18);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, name);
            ps.setString(2, name + "@example.test");
            if (names > 2) {
                ps.setString(3, name);
            }
            return id(ps);
        }
    }

    private static long license(Connection c, long sellerId) throws Exception {
        long product;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO license.products (seller_id, code, name) VALUES (?, ?, 'Seller stats') RETURNING id")) {
            ps.setLong(1, sellerId);
            ps.setString(2, "SV" + UUID.randomUUID().toString().substring(0, 8));
            product = id(ps);
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO license.licenses (key_hash, key_encrypted, key_scheme, key_hint, "
                + "product_id, seller_id, owner_account_id, status) VALUES (?, 'enc', 'OPAQUE', 'hint', ?, ?, ?, 'ACTIVE') RETURNING id")) {
            ps.setString(1, (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "").substring(0, 64));
            ps.setLong(2, product);
            ps.setLong(3, sellerId);
            ps.setLong(4, customer);
            return id(ps);
        }
    }

    private static long id(PreparedStatement ps) throws Exception {
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static io.restassured.specification.RequestSpecification as(long account, String role) {
        return given().auth().oauth2(org.licensing.common.testing.TestTokens.sign(org.licensing.common.tokens.TokenKind.ACCESS,
                Jwt.subject(Long.toString(account)).groups(role)));
    }

    private EventEnvelope validated(long license, long sellerId, boolean valid) {
        return EventEnvelope.of(EventTypes.LICENSE_VALIDATED).license(license).account(customer)
                .data(Map.of("valid", valid, "code", valid ? "VALID" : "SUSPENDED", "seller_id", sellerId)).build();
    }

    /** Where license-service puts it: validations on lm:validations:{n} (StreamConfig#partitionOf). */
    private void publish(EventEnvelope e) throws Exception {
        publish(streams.partitionOf(e), e);
    }

    private void publish(String stream, EventEnvelope e) throws Exception {
        redis.stream(String.class).xadd(stream, new XAddArgs(),
                Map.of("event", json.writeValueAsString(e))).await().atMost(Duration.ofSeconds(5));
    }

    private void beat(long license, long seconds) {
        String device = Long.toString(ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000_000L));
        HeartbeatEntry h = new HeartbeatEntry(1, UUID.randomUUID().toString(), "s-1", license, customer, device,
                System.currentTimeMillis(), seconds, "seller-test");
        redis.stream(String.class).xadd(streams.heartbeatsPartition("device:" + device), new XAddArgs(), h.toFields())
                .await().atMost(Duration.ofSeconds(5));
    }

    private static JsonPath await(String path, String field, long expected) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        JsonPath last = null;
        while (Instant.now().isBefore(deadline)) {
            last = as(seller, Roles.SELLER).get(path).then().statusCode(200).extract().jsonPath();
            if (last.getLong(field) == expected) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(path + " did not reach " + field + " = " + expected + ": " + (last == null ? "" : last.prettify()));
    }

    @Test
    void validationsPerDayAreCountedOncePerSellerAndPerLicense() throws Exception {
        EventEnvelope twice = validated(licenseA, seller, true);
        publish(twice);
        publish(twice); // a republished event is stored once and counted once
        publish(validated(licenseA, seller, false));
        EventEnvelope onEvents = validated(licenseB, seller, true);
        // published before validations had streams of their own: still counted
        publish(streams.eventsPartition(onEvents.partitionKey()), onEvents);
        publish(validated(foreignLicense, otherSeller, false));

        String today = LocalDate.now(ZoneOffset.UTC).toString();
        JsonPath s = await("/api/v1/stats/sellers/" + seller + "/validations", "valid", 2);
        org.junit.jupiter.api.Assertions.assertEquals(1, s.getLong("refused"));
        org.junit.jupiter.api.Assertions.assertEquals(30, s.getList("days").size());
        org.junit.jupiter.api.Assertions.assertEquals(today, s.getString("days[29].day"));
        org.junit.jupiter.api.Assertions.assertEquals(2, s.getLong("days[29].valid"));

        as(seller, Roles.SELLER).get("/api/v1/stats/licenses/" + licenseA + "/validations?from=" + today + "&to=" + today)
                .then().statusCode(200).body("valid", equalTo(1)).body("refused", equalTo(1)).body("days", hasSize(1));
        as(otherSeller, Roles.SELLER).get("/api/v1/stats/sellers/" + otherSeller + "/validations").then().statusCode(200)
                .body("valid", equalTo(0)).body("refused", equalTo(1));
        // another seller's figures are refused, a customer's own license is readable
        as(otherSeller, Roles.SELLER).get("/api/v1/stats/sellers/" + seller + "/validations").then().statusCode(403)
                .body("code", equalTo("FORBIDDEN"));
        as(otherSeller, Roles.SELLER).get("/api/v1/stats/licenses/" + licenseA + "/validations").then().statusCode(403);
        as(customer, Roles.CUSTOMER).get("/api/v1/stats/licenses/" + licenseA + "/validations").then().statusCode(200);
        as(seller, Roles.SELLER).get("/api/v1/stats/sellers/" + seller + "/validations?from=2026-13-01").then().statusCode(400)
                .body("errors[0].field", equalTo("from"));
    }

    @Test
    void usageAddsUpOverAllTheSellersLicenses() throws Exception {
        beat(licenseA, 60);
        beat(licenseB, 30);
        beat(foreignLicense, 1000);
        JsonPath u = await("/api/v1/stats/sellers/" + seller + "/usage", "usage_seconds", 90);
        org.junit.jupiter.api.Assertions.assertEquals(2, u.getLong("heartbeats"));
        org.junit.jupiter.api.Assertions.assertEquals(90, u.getLong("days[29].usage_seconds"));
        as(1, Roles.ADMIN).get("/api/v1/stats/sellers/" + otherSeller + "/usage").then().statusCode(200)
                .body("usage_seconds", equalTo(1000));
        as(otherSeller, Roles.SELLER).get("/api/v1/stats/sellers/" + seller + "/usage").then().statusCode(403);
        as(customer, Roles.CUSTOMER).get("/api/v1/stats/sellers/" + seller + "/usage").then().statusCode(403);
    }
}
