package org.licensing.license.ipblocks;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.licensing.common.ratelimit.RateLimiter;
import org.licensing.license.TestParties;
import org.licensing.license.TestParties.Party;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** An administrator lists the addresses the services blocked and lifts one; the event log records it. */
@QuarkusTest
class IpBlockAdminTest {

    @Inject
    RedisDataSource redis;
    @Inject
    Pool pool;

    private void record(String ip, String endpoint) {
        pool.preparedQuery("INSERT INTO license.ip_rate_limits (ip_address, endpoint, request_count, reason, blocked_until)"
                + " VALUES ($1, $2, 42, 'rate limit exceeded repeatedly', now() + interval '15 minutes')")
                .execute(Tuple.of(ip, endpoint)).await().indefinitely();
        redis.value(String.class).psetex(RateLimiter.blockKey(ip), 900_000, "1");
    }

    @Test
    void theAdminListsAndLiftsABlockAndTheEventIsLogged() {
        String ip = "203.0.113." + ThreadLocalRandom.current().nextInt(1, 255);
        Party admin = TestParties.admin();
        admin.as().delete("/api/v1/ip-blocks/" + ip).then(); // a leftover of an earlier run on this database
        record(ip, "auth");

        admin.as().get("/api/v1/ip-blocks").then().statusCode(200).body("ip_address", hasItem(ip));
        admin.as().get("/api/v1/ip-blocks").then().body("find { it.ip_address == '" + ip + "' }.reason",
                equalTo("rate limit exceeded repeatedly")).body("find { it.ip_address == '" + ip + "' }.services", hasItem("license"));
        TestParties.seller().as().get("/api/v1/ip-blocks").then().statusCode(403);

        admin.as().delete("/api/v1/ip-blocks/" + ip).then().statusCode(200).body("ip_address", equalTo(ip))
                .body("request_count", equalTo(42));
        assertFalse(redis.key().exists(RateLimiter.blockKey(ip)));
        admin.as().get("/api/v1/ip-blocks").then().statusCode(200).body("ip_address", not(hasItem(ip)));
        admin.as().delete("/api/v1/ip-blocks/" + ip).then().statusCode(404).body("code", equalTo("IP_BLOCK_NOT_FOUND"));
        admin.as().delete("/api/v1/ip-blocks/not-an-address").then().statusCode(400).body("errors[0].field", equalTo("ip"));

        Row event = pool.preparedQuery("SELECT payload FROM license.outbox WHERE event_type = 'ip.unblocked'"
                + " AND payload LIKE $1 ORDER BY id DESC LIMIT 1").execute(Tuple.of("%" + ip + "%")).await().indefinitely()
                .iterator().next();
        assertTrue(event.getString("payload").contains("\"actor_id\":" + admin.id()), event.getString("payload"));
    }

    @Test
    void aLiftedAddressIsServedAgainAtOnce() {
        Party admin = TestParties.admin();
        // the test client connects from the loopback, a trusted proxy: X-Forwarded-For names the client
        String ip = "203.0.113." + ThreadLocalRandom.current().nextInt(1, 255);
        record(ip, "auth");
        Map<String, Object> wrong = Map.of("login", "nobody-" + TestParties.random(6), "password", "wrong-password");
        given().header("X-Forwarded-For", ip).contentType(ContentType.JSON).body(wrong).post("/api/v1/auth/sign-in").then()
                .statusCode(429).body("code", equalTo("IP_BLOCKED"));
        admin.as().delete("/api/v1/ip-blocks/" + ip).then().statusCode(200);
        int status = given().header("X-Forwarded-For", ip).contentType(ContentType.JSON).body(wrong).post("/api/v1/auth/sign-in")
                .then().extract().statusCode();
        assertEquals(401, status);
    }
}
