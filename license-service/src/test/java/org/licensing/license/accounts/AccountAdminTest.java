package org.licensing.license.accounts;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.licensing.common.auth.TokenBlacklist;
import org.licensing.license.TestParties;
import org.licensing.license.TestParties.Party;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class AccountAdminTest {

    @Inject
    AccountService accounts;
    @Inject
    Pool pool;
    @Inject
    RedisDataSource redis;

    @Test
    void adminSearchesSuspendsAndReinstates() {
        Party admin = TestParties.admin();
        Party customer = TestParties.customer();
        admin.as().get("/api/v1/accounts?q=" + customer.username() + "&role=CUSTOMER").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].id", equalTo((int) customer.id()));
        admin.as().get("/api/v1/accounts/" + customer.id()).then().statusCode(200).body("email", equalTo(customer.email()));
        // Suspension: its tokens stop working at once, sign-in is refused with the reason.
        admin.as().body(Map.of("reason", "abuse")).post("/api/v1/accounts/" + customer.id() + "/suspend").then().statusCode(200)
                .body("suspended", equalTo(true)).body("suspension_reason", equalTo("abuse"));
        customer.as().get("/api/v1/accounts/me").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("login", customer.username(), "password", customer.password()))
                .post("/api/v1/auth/sign-in").then().statusCode(403).body("code", equalTo("ACCOUNT_SUSPENDED"));
        given().contentType(ContentType.JSON).body(Map.of("refresh_token", customer.refreshToken()))
                .post("/api/v1/auth/refresh").then().statusCode(403);
        admin.as().get("/api/v1/accounts?suspended=true&q=" + customer.username()).then().body("items.id", hasItem((int) customer.id()));
        admin.as().post("/api/v1/accounts/" + customer.id() + "/reinstate").then().statusCode(200).body("suspended", equalTo(false));
        given().contentType(ContentType.JSON).body(Map.of("login", customer.username(), "password", customer.password()))
                .post("/api/v1/auth/sign-in").then().statusCode(200);
        // Only admins manage accounts.
        customer.as().get("/api/v1/accounts").then().statusCode(403);
        TestParties.seller().as().body(Map.of("reason", "x")).post("/api/v1/accounts/" + customer.id() + "/suspend").then().statusCode(403);
        admin.as().body(Map.of()).post("/api/v1/accounts/" + customer.id() + "/suspend").then().statusCode(400)
                .body("errors[0].field", equalTo("reason"));
        admin.as().body(Map.of("reason", "x")).post("/api/v1/accounts/999999999/suspend").then().statusCode(404);
    }

    @Test
    void aSuspensionEndsByItself() {
        Party admin = TestParties.admin();
        Party seller = TestParties.seller();
        Instant until = Instant.now().plusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        admin.as().body(Map.of("reason", "cool-down", "until", until.toString())).post("/api/v1/accounts/" + seller.id() + "/suspend")
                .then().statusCode(200).body("suspended_until", equalTo(until.toString()));
        Long ttl = redis.key().ttl(TokenBlacklist.suspendedAccountKey(Long.toString(seller.id())));
        assertTrue(ttl > 3500 && ttl <= 3600, "ttl " + ttl);
        // The end time passes.
        pool.preparedQuery("UPDATE license.accounts SET suspended_until = now() - interval '1 second' WHERE id = $1")
                .execute(Tuple.of(seller.id())).await().indefinitely();
        int lifted = accounts.liftEndedSuspensions(1000).await().indefinitely();
        assertTrue(lifted >= 1);
        admin.as().get("/api/v1/accounts/" + seller.id()).then().body("suspended", equalTo(false));
        assertEquals(0, redis.key().exists(TokenBlacklist.suspendedAccountKey(Long.toString(seller.id()))) ? 1 : 0);
        seller.as().get("/api/v1/accounts/me").then().statusCode(200);
    }
}
