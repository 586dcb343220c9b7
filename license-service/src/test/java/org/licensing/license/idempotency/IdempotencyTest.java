package org.licensing.license.idempotency;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.licensing.common.idempotency.IdempotencyStore;
import org.licensing.license.TestParties;
import org.licensing.license.TestParties.Party;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Idempotency-Key against the real Redis and PostgreSQL: a retry issues no second license. */
@QuarkusTest
class IdempotencyTest {

    @Inject
    Pool pool;
    @Inject
    RedisDataSource redis;

    private long licensesOf(long product) {
        return pool.preparedQuery("SELECT count(*) FROM license.licenses WHERE product_id = $1").execute(Tuple.of(product))
                .await().indefinitely().iterator().next().getLong(0);
    }

    @Test
    void theSameKeyTwiceIssuesOneLicenseAndAnswersTheSame() {
        Party seller = TestParties.seller();
        long product = TestParties.product(seller, "SEGMENTED", Map.of());
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("product_id", product, "privilege", "ULTIMATE");

        var first = seller.as().header("Idempotency-Key", key).body(body).post("/api/v1/licenses")
                .then().statusCode(201).header("Idempotent-Replayed", nullValue()).extract();
        var again = seller.as().header("Idempotency-Key", key).body(body).post("/api/v1/licenses")
                .then().statusCode(201).header("Idempotent-Replayed", equalTo("true"))
                .contentType(ContentType.JSON).extract();
        assertEquals(first.body().asString(), again.body().asString());
        assertEquals(1, licensesOf(product), "the retry issued nothing");

        // another key is another request
        seller.as().header("Idempotency-Key", UUID.randomUUID().toString()).body(body).post("/api/v1/licenses")
                .then().statusCode(201);
        assertEquals(2, licensesOf(product));
        // and without the header every POST does its work
        seller.as().body(body).post("/api/v1/licenses").then().statusCode(201);
        assertEquals(3, licensesOf(product));
    }

    @Test
    void theSameKeyWithAnotherBodyIs422() {
        Party seller = TestParties.seller();
        long product = TestParties.product(seller, "SEGMENTED", Map.of());
        String key = UUID.randomUUID().toString();
        seller.as().header("Idempotency-Key", key).body(Map.of("product_id", product, "privilege", "ULTIMATE"))
                .post("/api/v1/licenses").then().statusCode(201);
        seller.as().header("Idempotency-Key", key).body(Map.of("product_id", product, "privilege", "BASIC"))
                .post("/api/v1/licenses").then().statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("IDEMPOTENCY_KEY_REUSED"));
        assertEquals(1, licensesOf(product));
    }

    @Test
    void keysBelongToTheirCaller() {
        Party seller = TestParties.seller();
        Party other = TestParties.seller();
        long product = TestParties.product(seller, "SEGMENTED", Map.of());
        long otherProduct = TestParties.product(other, "SEGMENTED", Map.of());
        String key = UUID.randomUUID().toString();
        seller.as().header("Idempotency-Key", key).body(Map.of("product_id", product)).post("/api/v1/licenses")
                .then().statusCode(201);
        // the same key from another account is that account's own key: its request runs
        other.as().header("Idempotency-Key", key).body(Map.of("product_id", otherProduct)).post("/api/v1/licenses")
                .then().statusCode(201).header("Idempotent-Replayed", nullValue());
        assertEquals(1, licensesOf(otherProduct));
    }

    @Test
    void aRetryWhileTheFirstRequestRunsIs409AndAFailedAnswerIsNotKept() {
        Party seller = TestParties.seller();
        long product = TestParties.product(seller, "SEGMENTED", Map.of());
        String key = UUID.randomUUID().toString();
        // the first request with this key holds its claim (as while it runs)
        redis.value(String.class).psetex(IdempotencyStore.redisKey("access:" + seller.id(), key), 60_000,
                "{\"state\":\"pending\",\"request\":\"" + fingerprintOf(seller, key, product) + "\"}");
        seller.as().header("Idempotency-Key", key).body(Map.of("product_id", product)).post("/api/v1/licenses")
                .then().statusCode(409).body("code", equalTo("IDEMPOTENCY_IN_PROGRESS")).header("Retry-After", notNullValue());
        assertEquals(0, licensesOf(product));

        // a request that did not do its work (here: refused for an unknown product, 4xx is kept; 5xx and 429 are not)
        String bad = UUID.randomUUID().toString();
        seller.as().header("Idempotency-Key", bad).body(Map.of("product_id", 999_999_999L)).post("/api/v1/licenses")
                .then().statusCode(org.hamcrest.Matchers.greaterThanOrEqualTo(400));
        String kept = redis.value(String.class).get(IdempotencyStore.redisKey("access:" + seller.id(), bad));
        assertEquals("done", new JsonPath(kept).getString("state"));
    }

    @Test
    void aMalformedKeyIs400NamingTheHeader() {
        Party seller = TestParties.seller();
        seller.as().header("Idempotency-Key", "x".repeat(300)).body(Map.of("product_id", 1)).post("/api/v1/licenses")
                .then().statusCode(400).body("field", equalTo("Idempotency-Key"));
    }

    @Test
    void theOpenApiDocumentNamesTheHeaderOnPosts() {
        JsonPath doc = given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
        assertEquals("Idempotency-Key", doc.getString("components.parameters.IdempotencyKey.name"));
        assertEquals("#/components/parameters/IdempotencyKey", doc.getString("paths.'/api/v1/licenses'.post.parameters.find { it.'$ref' }.'$ref'"));
        org.junit.jupiter.api.Assertions.assertNull(doc.<Object>get("paths.'/api/v1/auth/sign-in'.post.parameters.find { it.'$ref' }"));
    }

    /** The fingerprint the filter computes for this test's POST (method, path, empty query, JSON body). */
    private static String fingerprintOf(Party seller, String key, long product) {
        String json = "{\"product_id\":" + product + "}";
        try {
            var md = java.security.MessageDigest.getInstance("SHA-256");
            md.update("POST /api/v1/licenses?\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            md.update(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(md.digest());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
