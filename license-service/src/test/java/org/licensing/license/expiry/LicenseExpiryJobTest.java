package org.licensing.license.expiry;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.licensing.common.redis.RedisKeys;
import org.licensing.license.TestParties;
import org.licensing.license.TestParties.Party;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class LicenseExpiryJobTest {

    @Inject
    LicenseExpiryJob job;
    @Inject
    Pool pool;
    @Inject
    RedisDataSource redis;

    @Test
    void activeLicensesPastTheirExpiryBecomeExpired() {
        Party seller = TestParties.seller();
        long product = TestParties.product(seller, "SEGMENTED", Map.of("default_term", "TRIAL", "default_duration_days", 1));
        Party customer = TestParties.customer();
        List<Long> due = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            var l = TestParties.issue(seller, product, Map.of());
            customer.as().body(Map.of("key", l.get("key"))).post("/api/v1/licenses/redeem").then().statusCode(200);
            due.add((Long) l.get("id"));
        }
        var notDue = TestParties.issue(seller, product, Map.of());
        customer.as().body(Map.of("key", notDue.get("key"))).post("/api/v1/licenses/redeem").then().statusCode(200);
        var unused = TestParties.issue(seller, product, Map.of("expires_at", java.time.Instant.now().plusSeconds(3600).toString()));
        // Time passes for three of them (and for an unused one, which never expires by the job: only ACTIVE does).
        pool.preparedQuery("UPDATE license.licenses SET expires_at = now() - interval '1 minute' WHERE id = ANY($1)")
                .execute(Tuple.of(new Long[] { due.get(0), due.get(1), due.get(2), (Long) unused.get("id") })).await().indefinitely();
        int n = job.expireAll().await().indefinitely();
        assertTrue(n >= 3, "expired " + n);
        for (Long id : due) {
            customer.as().get("/api/v1/licenses/" + id).then().body("status", equalTo("EXPIRED"));
            assertEquals("EXPIRED", new JsonPath(redis.value(String.class).get(RedisKeys.licenseSnapshot(id))).getString("status"));
            assertEquals("EXPIRED", redis.value(String.class).get(RedisKeys.licenseStatus(id)));
            assertEquals(1L, pool.preparedQuery("SELECT count(*) AS n FROM license.outbox WHERE partition_key = $1 AND event_type = 'license.expired'")
                    .execute(Tuple.of("license:" + id)).await().indefinitely().iterator().next().getLong("n"));
        }
        customer.as().get("/api/v1/licenses/" + notDue.get("id")).then().body("status", equalTo("ACTIVE"));
        seller.as().get("/api/v1/licenses/" + unused.get("id")).then().body("status", equalTo("UNUSED"));
        // An expired license is not reinstated; extending it renews it (ACTIVE again); revoking is allowed.
        seller.as().post("/api/v1/licenses/" + due.get(0) + "/reinstate").then().statusCode(409);
        seller.as().body(Map.of("days", 5)).post("/api/v1/licenses/" + due.get(0) + "/extend").then().statusCode(200)
                .body("status", equalTo("ACTIVE"));
        seller.as().post("/api/v1/licenses/" + due.get(1) + "/revoke").then().statusCode(200);
    }
}
