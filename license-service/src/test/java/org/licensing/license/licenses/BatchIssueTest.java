package org.licensing.license.licenses;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.licensing.common.keys.LicenseKeyHasher;
import org.licensing.license.TestParties;
import org.licensing.license.TestParties.Party;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class BatchIssueTest {

    @Inject
    Pool pool;
    @Inject
    LicenseKeyHasher hasher;

    private long countByHashes(List<String> keys) {
        String[] hashes = keys.stream().map(k -> hasher.hashNormalized(k)).toArray(String[]::new);
        return pool.preparedQuery("SELECT count(*) AS n FROM license.licenses WHERE key_hash = ANY($1)")
                .execute(Tuple.of(hashes)).await().indefinitely().iterator().next().getLong("n");
    }

    @Test
    void aBatchOfUniqueKeysInOneCall() {
        Party seller = TestParties.seller();
        long product = TestParties.product(seller, "CHECKSUMMED", Map.of());
        var batch = seller.as().body(Map.of("product_id", product, "count", 200, "term", "TRIAL")).post("/api/v1/licenses/batch")
                .then().statusCode(201).body("count", equalTo(200)).extract().jsonPath();
        List<String> keys = batch.getList("licenses.key");
        assertEquals(200, new HashSet<>(keys).size());
        assertEquals(200, countByHashes(keys));
        seller.as().get("/api/v1/licenses?product_id=" + product + "&size=1").then().body("total", equalTo(200));
        seller.as().body(Map.of("product_id", product, "count", 1001)).post("/api/v1/licenses/batch").then().statusCode(400)
                .body("code", equalTo("BATCH_TOO_LARGE"));
        seller.as().body(Map.of("product_id", product, "count", 0)).post("/api/v1/licenses/batch").then().statusCode(400);
    }

    /** The 6th of 10 imported keys already exists: the first five, inserted before it, are rolled back too. */
    @Test
    void aBatchFailingHalfWayStoresNothing() {
        Party seller = TestParties.seller();
        long product = TestParties.product(seller, "OPAQUE", Map.of());
        String existing = "existing-" + TestParties.random(16).toLowerCase();
        TestParties.issue(seller, product, Map.of("key", existing));
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            keys.add(i == 5 ? existing : "import-" + i + "-" + TestParties.random(16).toLowerCase());
        }
        long outboxBefore = outboxCount();
        seller.as().body(Map.of("product_id", product, "keys", keys)).post("/api/v1/licenses/batch").then().statusCode(409)
                .body("code", equalTo("KEY_ALREADY_EXISTS")).body("index", equalTo(5));
        List<String> fresh = new ArrayList<>(keys);
        fresh.remove(existing);
        assertEquals(0, countByHashes(fresh));
        assertEquals(1, countByHashes(List.of(existing)));
        seller.as().get("/api/v1/licenses?product_id=" + product).then().body("total", equalTo(1));
        // No event of the failed batch was written either (other tests may add events meanwhile, never fewer).
        assertEquals(0, pool.preparedQuery("SELECT count(*) AS n FROM license.outbox WHERE id > $1 AND payload LIKE $2")
                .execute(Tuple.of(outboxBefore, "%\"seller_id\":" + seller.id() + "%")).await().indefinitely().iterator().next()
                .getLong("n"));
        // The same batch without the clash goes through whole.
        seller.as().body(Map.of("product_id", product, "keys", fresh)).post("/api/v1/licenses/batch").then().statusCode(201)
                .body("count", equalTo(9));
        assertEquals(9, countByHashes(fresh));
    }

    private long outboxCount() {
        return pool.query("SELECT coalesce(max(id), 0) AS n FROM license.outbox").execute().await().indefinitely().iterator().next()
                .getLong("n");
    }
}
