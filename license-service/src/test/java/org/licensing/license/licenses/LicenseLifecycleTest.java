package org.licensing.license.licenses;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.licensing.common.keys.LicenseKeyFormat;
import org.licensing.common.keys.LicenseKeyHasher;
import org.licensing.common.redis.RedisKeys;
import org.licensing.license.TestParties;
import org.licensing.license.TestParties.Party;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class LicenseLifecycleTest {

    @Inject
    RedisDataSource redis;
    @Inject
    Pool pool;
    @Inject
    LicenseKeyHasher hasher;

    private String snapshotStatus(long id) {
        String json = redis.value(String.class).get(RedisKeys.licenseSnapshot(id));
        return json == null ? null : new JsonPath(json).getString("status");
    }

    /** The journey of issue 5's "done when", minus the gateway. */
    @Test
    void sellerIssuesCustomerRedeemsAdminSuspendsSellerSeesIt() {
        Party seller = TestParties.seller();
        long product = TestParties.product(seller, "SEGMENTED", Map.of("default_term", "ANNUAL", "default_max_devices", 3,
                "default_usage_limits", Map.of("api_calls_per_day", 1000)));
        var issued = seller.as().body(Map.of("product_id", product, "privilege", "ULTIMATE")).post("/api/v1/licenses")
                .then().statusCode(201).body("license.status", equalTo("UNUSED")).body("license.max_devices", equalTo(3))
                .body("license.usage_limits.api_calls_per_day", equalTo(1000))
                .body("license.expires_at", nullValue()).extract().jsonPath();
        String key = issued.getString("key");
        long id = issued.getLong("license.id");
        assertTrue(key.startsWith(seller.sellerName() + "-ULTIMATE-"), key);
        assertTrue(LicenseKeyFormat.isSegmentedBody(key.substring((seller.sellerName() + "-ULTIMATE-").length())));
        assertEquals("UNUSED", snapshotStatus(id));
        assertEquals(Long.toString(id), redis.value(String.class).get(RedisKeys.licenseByKeyHash(hasher.hashNormalized(key))));

        Party customer = TestParties.customer();
        customer.as().body(Map.of("key", key.toLowerCase())).post("/api/v1/licenses/redeem").then().statusCode(200)
                .body("status", equalTo("ACTIVE")).body("owner_account_id", equalTo((int) customer.id()))
                .body("activated_at", notNullValue()).body("expires_at", notNullValue()).body("notes", nullValue());
        assertEquals("ACTIVE", snapshotStatus(id));
        customer.as().get("/api/v1/licenses").then().statusCode(200).body("items.id", hasItem((int) id))
                .body("total", equalTo(1));
        // Annual term started at activation.
        Instant expires = Instant.parse(customer.as().get("/api/v1/licenses/" + id).then().statusCode(200).extract().path("expires_at"));
        assertTrue(Duration.between(Instant.now(), expires).toDays() >= 364);

        Party admin = TestParties.admin();
        admin.as().body(Map.of("reason", "chargeback")).post("/api/v1/licenses/" + id + "/suspend").then().statusCode(200)
                .body("status", equalTo("SUSPENDED")).body("suspension_reason", equalTo("chargeback"));
        seller.as().get("/api/v1/licenses?status=SUSPENDED").then().statusCode(200).body("items.id", hasItem((int) id));
        assertEquals("SUSPENDED", snapshotStatus(id));
        assertEquals("SUSPENDED", redis.value(String.class).get(RedisKeys.licenseStatus(id)));
        // Invalid transitions are refused; reinstate works once.
        seller.as().post("/api/v1/licenses/" + id + "/suspend").then().statusCode(409).body("code", equalTo("INVALID_STATUS_TRANSITION"));
        // an admin's suspension is not the seller's to lift (issue 15); the admin lifts it
        seller.as().post("/api/v1/licenses/" + id + "/reinstate").then().statusCode(403)
                .body("code", equalTo("SUSPENDED_BY_HIGHER_ROLE"));
        admin.as().post("/api/v1/licenses/" + id + "/reinstate").then().statusCode(200).body("status", equalTo("ACTIVE"));
        seller.as().post("/api/v1/licenses/" + id + "/reinstate").then().statusCode(409).body("code", equalTo("INVALID_STATUS_TRANSITION"));
        seller.as().body(Map.of("reason", "fraud")).post("/api/v1/licenses/" + id + "/revoke").then().statusCode(200)
                .body("status", equalTo("REVOKED")).body("revoked_at", notNullValue());
        assertEquals("REVOKED", snapshotStatus(id));
        seller.as().post("/api/v1/licenses/" + id + "/revoke").then().statusCode(409).body("code", equalTo("INVALID_STATUS_TRANSITION"));
        // Every change wrote its event to the outbox in the same transaction.
        List<String> types = pool.preparedQuery("SELECT event_type FROM license.outbox WHERE partition_key = $1 ORDER BY id")
                .execute(Tuple.of("license:" + id)).await().indefinitely().stream().map(r -> r.getString("event_type")).toList();
        assertEquals(List.of("license.issued", "license.activated", "license.suspended", "license.reinstated", "license.revoked"), types);
    }

    @Test
    void aSuspensionIsLiftedByTheRoleThatImposedItOrAHigherOne() {
        Party seller = TestParties.seller();
        Party admin = TestParties.admin();
        long product = TestParties.product(seller, "SEGMENTED", Map.of());
        JsonPath issued = seller.as().body(Map.of("product_id", product)).post("/api/v1/licenses").then().statusCode(201)
                .extract().jsonPath();
        long id = issued.getLong("license.id");
        TestParties.customer().as().body(Map.of("key", issued.getString("key"))).post("/api/v1/licenses/redeem").then()
                .statusCode(200).body("status", equalTo("ACTIVE"));
        String base = "/api/v1/licenses/" + id;
        // the seller's own suspension: the seller lifts it
        seller.as().post(base + "/suspend").then().statusCode(200);
        assertEquals("SELLER", pool.preparedQuery("SELECT suspended_by_role FROM license.licenses WHERE id = $1")
                .execute(Tuple.of(id)).await().indefinitely().iterator().next().getString("suspended_by_role"));
        seller.as().post(base + "/reinstate").then().statusCode(200).body("status", equalTo("ACTIVE"));
        // ...and an admin may override it
        seller.as().post(base + "/suspend").then().statusCode(200);
        admin.as().post(base + "/reinstate").then().statusCode(200).body("status", equalTo("ACTIVE"));
        // an admin's: the seller is refused, and the license stays suspended
        admin.as().body(Map.of("reason", "fraud review")).post(base + "/suspend").then().statusCode(200);
        var row = pool.preparedQuery("SELECT suspended_by_role, suspended_by_account_id FROM license.licenses WHERE id = $1")
                .execute(Tuple.of(id)).await().indefinitely().iterator().next();
        assertEquals("ADMIN", row.getString("suspended_by_role"));
        assertEquals(admin.id(), row.getLong("suspended_by_account_id"));
        seller.as().post(base + "/reinstate").then().statusCode(403).body("code", equalTo("SUSPENDED_BY_HIGHER_ROLE"))
                .body("suspended_by_role", equalTo("ADMIN"));
        seller.as().get(base).then().statusCode(200).body("status", equalTo("SUSPENDED"));
        admin.as().post(base + "/reinstate").then().statusCode(200).body("status", equalTo("ACTIVE"));
        assertNull(pool.preparedQuery("SELECT suspended_by_role FROM license.licenses WHERE id = $1")
                .execute(Tuple.of(id)).await().indefinitely().iterator().next().getString("suspended_by_role"));
    }

    @Test
    void keysOfEverySchemeAndReadingTheKeyBack() {
        Party seller = TestParties.seller();
        long checksummed = TestParties.product(seller, "CHECKSUMMED", Map.of());
        String code = seller.as().get("/api/v1/products/" + checksummed).then().statusCode(200).extract().path("code");
        var c = TestParties.issue(seller, checksummed, Map.of());
        String key = (String) c.get("key");
        assertTrue(key.matches("LMP-" + code + "-\\d{3,}-\\d{8}-[A-Z2-9]{9}-[0-9A-F]{4}"), key);
        assertTrue(key.contains("-" + String.format("%03d", seller.id()) + "-"));
        long opaque = TestParties.product(seller, "OPAQUE", Map.of());
        String imported = "legacy_" + TestParties.random(20).toLowerCase();
        var o = seller.as().body(Map.of("product_id", opaque, "key", imported)).post("/api/v1/licenses").then().statusCode(201)
                .body("license.key_scheme", equalTo("OPAQUE")).body("key", equalTo(imported)).extract().jsonPath();
        long importedId = o.getLong("license.id");
        // The same key cannot be imported twice.
        seller.as().body(Map.of("product_id", opaque, "key", imported)).post("/api/v1/licenses").then().statusCode(409)
                .body("code", equalTo("KEY_ALREADY_EXISTS"));
        // A checksummed key with a wrong checksum is refused before any look-up.
        String forged = key.substring(0, key.length() - 4) + (key.endsWith("0000") ? "1111" : "0000");
        Party customer = TestParties.customer();
        customer.as().body(Map.of("key", forged)).post("/api/v1/licenses/redeem").then().statusCode(400)
                .body("code", equalTo("MALFORMED_KEY"));
        customer.as().body(Map.of("key", "ZZZZ-BASIC-AAAAA-00000-AAAAA-AAAAA-AAAAA")).post("/api/v1/licenses/redeem").then()
                .statusCode(404).body("code", equalTo("LICENSE_NOT_FOUND"));

        customer.as().body(Map.of("key", imported)).post("/api/v1/licenses/redeem").then().statusCode(200);
        customer.as().get("/api/v1/licenses/" + importedId + "/key").then().statusCode(200).body("key", equalTo(imported));
        seller.as().get("/api/v1/licenses/" + importedId + "/key").then().statusCode(200).body("key", equalTo(imported));
        TestParties.admin().as().get("/api/v1/licenses/" + importedId + "/key").then().statusCode(200).body("key", equalTo(imported));
        // Nobody else, and the database holds no plain key.
        TestParties.customer().as().get("/api/v1/licenses/" + importedId + "/key").then().statusCode(404);
        TestParties.seller().as().get("/api/v1/licenses/" + importedId + "/key").then().statusCode(404);
        var row = pool.preparedQuery("SELECT key_hash, key_encrypted, key_hint FROM license.licenses WHERE id = $1")
                .execute(Tuple.of(importedId)).await().indefinitely().iterator().next();
        assertFalse(row.getString("key_encrypted").contains(imported));
        assertEquals(hasher.hashNormalized(imported), row.getString("key_hash"));
        assertEquals(imported.substring(imported.length() - 5), row.getString("key_hint"));
    }

    @Test
    void anotherPartysLicensesAreInvisibleAndUnchangeable() {
        Party seller = TestParties.seller();
        long product = TestParties.product(seller, "SEGMENTED", Map.of());
        var l = TestParties.issue(seller, product, Map.of());
        long id = (Long) l.get("id");
        Party customer = TestParties.customer();
        customer.as().body(Map.of("key", l.get("key"))).post("/api/v1/licenses/redeem").then().statusCode(200);

        Party otherSeller = TestParties.seller();
        Party otherCustomer = TestParties.customer();
        otherSeller.as().get("/api/v1/licenses/" + id).then().statusCode(404).body("code", equalTo("LICENSE_NOT_FOUND"));
        otherCustomer.as().get("/api/v1/licenses/" + id).then().statusCode(404);
        otherSeller.as().post("/api/v1/licenses/" + id + "/suspend").then().statusCode(404);
        otherSeller.as().body(Map.of("max_devices", 50)).patch("/api/v1/licenses/" + id).then().statusCode(404);
        otherSeller.as().get("/api/v1/licenses").then().statusCode(200).body("total", equalTo(0));
        otherCustomer.as().get("/api/v1/licenses").then().statusCode(200).body("total", equalTo(0));
        // Customers cannot manage licenses, not even their own; sellers cannot issue on another's product.
        customer.as().post("/api/v1/licenses/" + id + "/suspend").then().statusCode(403);
        customer.as().body(Map.of("product_id", product)).post("/api/v1/licenses").then().statusCode(403);
        otherSeller.as().body(Map.of("product_id", product)).post("/api/v1/licenses").then().statusCode(404)
                .body("code", equalTo("PRODUCT_NOT_FOUND"));
        // Sellers do not redeem; anonymous callers get 401.
        seller.as().body(Map.of("key", l.get("key"))).post("/api/v1/licenses/redeem").then().statusCode(403);
        given().get("/api/v1/licenses").then().statusCode(401);
        // Another customer cannot redeem a key that is already taken.
        otherCustomer.as().body(Map.of("key", l.get("key"))).post("/api/v1/licenses/redeem").then().statusCode(409)
                .body("code", equalTo("LICENSE_ALREADY_REDEEMED"));
    }

    @Test
    void limitsRestrictionsNotesAndFilters() {
        Party seller = TestParties.seller();
        long product = TestParties.product(seller, "SEGMENTED", Map.of());
        long id = (Long) TestParties.issue(seller, product, Map.of("notes", "vip")).get("id");
        seller.as().body(Map.of("max_devices", 7, "usage_limits", Map.of("api_calls_per_month", 5000),
                "domain_restrictions", List.of("example.com", "*.example.com"), "ip_restrictions", List.of("10.0.0.0/8", "2001:db8::/32"),
                "notes", "moved to enterprise")).patch("/api/v1/licenses/" + id).then().statusCode(200)
                .body("max_devices", equalTo(7)).body("usage_limits.api_calls_per_month", equalTo(5000))
                .body("domain_restrictions", equalTo(List.of("example.com", "*.example.com")))
                .body("ip_restrictions", equalTo(List.of("10.0.0.0/8", "2001:db8::/32"))).body("notes", equalTo("moved to enterprise"));
        String snap = redis.value(String.class).get(RedisKeys.licenseSnapshot(id));
        assertEquals(7, new JsonPath(snap).getInt("max_devices"));
        assertEquals(List.of("10.0.0.0/8", "2001:db8::/32"), new JsonPath(snap).getList("ip_restrictions"));
        seller.as().body(Map.of("ip_restrictions", List.of("999.1.1.1"))).patch("/api/v1/licenses/" + id).then().statusCode(400)
                .body("errors[0].field", equalTo("ip_restrictions"));
        seller.as().body(Map.of("max_devices", "many")).patch("/api/v1/licenses/" + id).then().statusCode(400)
                .body("errors[0].field", equalTo("max_devices"));
        seller.as().body(Map.of("status", "ACTIVE")).patch("/api/v1/licenses/" + id).then().statusCode(400);
        // Filters.
        seller.as().get("/api/v1/licenses?product_id=" + product + "&status=UNUSED").then().statusCode(200)
                .body("items.id", hasItem((int) id));
        seller.as().get("/api/v1/licenses?status=ACTIVE&product_id=" + product).then().statusCode(200).body("total", equalTo(0));
        seller.as().get("/api/v1/licenses?status=NOPE").then().statusCode(400).body("errors[0].field", equalTo("status"));
        seller.as().get("/api/v1/licenses?expiring_before=soon").then().statusCode(400);
    }

    @Test
    void extendAndExpiringBefore() {
        Party seller = TestParties.seller();
        long product = TestParties.product(seller, "SEGMENTED", Map.of("default_term", "MONTHLY"));
        var l = TestParties.issue(seller, product, Map.of());
        long id = (Long) l.get("id");
        // Unused: the term grows.
        seller.as().body(Map.of("days", 10)).post("/api/v1/licenses/" + id + "/extend").then().statusCode(200)
                .body("duration_days", equalTo(40)).body("expires_at", nullValue());
        Party customer = TestParties.customer();
        customer.as().body(Map.of("key", l.get("key"))).post("/api/v1/licenses/redeem").then().statusCode(200);
        Instant expires = Instant.parse(seller.as().get("/api/v1/licenses/" + id).then().extract().path("expires_at"));
        assertTrue(Duration.between(Instant.now(), expires).toDays() >= 39);
        seller.as().get("/api/v1/licenses?expiring_before=" + Instant.now().plus(Duration.ofDays(41))).then()
                .body("items.id", hasItem((int) id));
        seller.as().get("/api/v1/licenses?expiring_before=" + Instant.now().plus(Duration.ofDays(30))).then()
                .body("total", equalTo(0));
        Instant extended = Instant.parse(seller.as().body(Map.of("days", 30)).post("/api/v1/licenses/" + id + "/renew").then()
                .statusCode(200).extract().path("expires_at"));
        assertEquals(Duration.ofDays(30), Duration.between(expires, extended));
        seller.as().body(Map.of()).post("/api/v1/licenses/" + id + "/extend").then().statusCode(400);
        Instant until = Instant.now().plus(Duration.ofDays(400)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        seller.as().body(Map.of("expires_at", until.toString())).post("/api/v1/licenses/" + id + "/extend").then().statusCode(200)
                .body("expires_at", equalTo(until.toString()));
        JsonPath snap = new JsonPath(redis.value(String.class).get(RedisKeys.licenseSnapshot(id)));
        assertEquals(until, Instant.parse(snap.getString("expires_at")));
    }

    @Test
    void anUnknownKeyIsRememberedAsUnknownUntilItIsIssued() {
        Party seller = TestParties.seller();
        long opaque = TestParties.product(seller, "OPAQUE", Map.of());
        String key = "later_" + TestParties.random(20).toLowerCase();
        String index = RedisKeys.licenseByKeyHash(hasher.hashNormalized(key));
        given().contentType("application/json").body(Map.of("key", key)).post("/api/v1/licenses/validate").then()
                .statusCode(200).body("valid", equalTo(false)).body("code", equalTo("NOT_FOUND"));
        // the next look-ups of this key are answered by Redis, not PostgreSQL, for a minute
        assertEquals(org.licensing.common.licenses.LicenseSnapshots.NO_LICENSE, redis.value(String.class).get(index));
        long ttl = redis.key().ttl(index);
        assertTrue(ttl > 0 && ttl <= org.licensing.common.licenses.LicenseSnapshots.UNKNOWN_KEY_TTL_SECONDS, "ttl " + ttl);
        given().contentType("application/json").body(Map.of("key", key)).post("/api/v1/licenses/validate").then()
                .statusCode(200).body("code", equalTo("NOT_FOUND"));

        // issuing the key (here: importing it) is never hidden by that memory
        long id = seller.as().body(Map.of("product_id", opaque, "key", key)).post("/api/v1/licenses").then().statusCode(201)
                .extract().jsonPath().getLong("license.id");
        assertEquals(Long.toString(id), redis.value(String.class).get(index));
        TestParties.customer().as().body(Map.of("key", key)).post("/api/v1/licenses/redeem").then().statusCode(200);
        given().contentType("application/json").body(Map.of("key", key)).post("/api/v1/licenses/validate").then()
                .statusCode(200).body("valid", equalTo(true));
    }

    @Test
    void anExpiredLicenseIsRenewedFromNowAndWorksAgain() {
        Party seller = TestParties.seller();
        long product = TestParties.product(seller, "SEGMENTED", Map.of("default_term", "MONTHLY"));
        var l = TestParties.issue(seller, product, Map.of());
        long id = (Long) l.get("id");
        TestParties.customer().as().body(Map.of("key", l.get("key"))).post("/api/v1/licenses/redeem").then().statusCode(200);
        // what the expiry job does when the term runs out
        org.licensing.license.validation.Fixtures.execute(
                "UPDATE license.licenses SET status = 'EXPIRED', expires_at = now() - interval '3 days' WHERE id = ?", id);

        Instant before = Instant.now();
        Instant renewedUntil = Instant.parse(seller.as().body(Map.of("days", 30)).post("/api/v1/licenses/" + id + "/renew")
                .then().statusCode(200).body("status", equalTo("ACTIVE")).extract().path("expires_at"));
        long days = Duration.between(before, renewedUntil).toHours();
        assertTrue(days >= 30 * 24 - 1 && days <= 30 * 24 + 1, "30 days from now, not from the old expiry: " + renewedUntil);
        assertEquals("ACTIVE", redis.value(String.class).get(RedisKeys.licenseStatus(id)), "heartbeats and devices see it at once");
        given().contentType("application/json").body(Map.of("key", l.get("key"))).post("/api/v1/licenses/validate").then()
                .statusCode(200).body("valid", equalTo(true));

        // revoked stays final
        seller.as().body(Map.of("reason", "fraud")).post("/api/v1/licenses/" + id + "/revoke").then().statusCode(200);
        seller.as().body(Map.of("days", 30)).post("/api/v1/licenses/" + id + "/renew").then().statusCode(409)
                .body("code", equalTo("INVALID_STATUS_TRANSITION"));
    }

    @Test
    void replacingAKeyStopsTheOldOneAtOnce() {
        Party seller = TestParties.seller();
        long product = TestParties.product(seller, "SEGMENTED", Map.of());
        var l = TestParties.issue(seller, product, Map.of());
        long id = (Long) l.get("id");
        String oldKey = (String) l.get("key");
        String oldHash = hasher.hashNormalized(oldKey);
        String newKey = seller.as().post("/api/v1/licenses/" + id + "/replace-key").then().statusCode(200)
                .body("license.key_replaced_at", notNullValue()).extract().path("key");
        assertNotEquals(oldKey, newKey);
        assertNull(redis.value(String.class).get(RedisKeys.licenseByKeyHash(oldHash)));
        assertEquals(Long.toString(id), redis.value(String.class).get(RedisKeys.licenseByKeyHash(hasher.hashNormalized(newKey))));
        Party customer = TestParties.customer();
        customer.as().body(Map.of("key", oldKey)).post("/api/v1/licenses/redeem").then().statusCode(404);
        customer.as().body(Map.of("key", newKey)).post("/api/v1/licenses/redeem").then().statusCode(200);
        customer.as().get("/api/v1/licenses/" + id + "/key").then().body("key", equalTo(newKey));
    }

    @Test
    void malformedJsonOnLicenseRoutesIsA400Problem() {
        Party seller = TestParties.seller();
        seller.as().body("{bad").post("/api/v1/licenses").then().statusCode(400).contentType("application/problem+json");
        seller.as().body(Map.of("product_id", "abc")).post("/api/v1/licenses").then().statusCode(400)
                .body("errors[0].field", equalTo("product_id"));
        given().contentType(ContentType.JSON).body("{bad").post("/api/v1/auth/sign-in").then().statusCode(400);
    }
}
