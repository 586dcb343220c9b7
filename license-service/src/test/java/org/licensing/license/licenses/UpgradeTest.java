package org.licensing.license.licenses;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.licensing.license.TestParties;
import org.licensing.license.TestParties.Party;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class UpgradeTest {

    @Inject
    Pool pool;

    @Test
    void anUpgradeKeyReplacesTheActiveBaseLicense() {
        Party seller = TestParties.seller();
        long product = TestParties.product(seller, "SEGMENTED", Map.of());
        long otherProduct = TestParties.product(seller, "SEGMENTED", Map.of());
        var base = TestParties.issue(seller, product, Map.of("privilege", "REGULAR"));
        var upgrade = TestParties.issue(seller, product, Map.of("type", "UPGRADE", "privilege", "ULTIMATE"));
        var lower = TestParties.issue(seller, product, Map.of("type", "UPGRADE", "privilege", "BASIC"));
        var foreign = TestParties.issue(seller, otherProduct, Map.of("type", "UPGRADE", "privilege", "ULTIMATE"));
        Party customer = TestParties.customer();
        // No base yet: refused, and the key stays unused.
        customer.as().body(Map.of("key", upgrade.get("key"))).post("/api/v1/licenses/redeem").then().statusCode(409)
                .body("code", equalTo("NO_BASE_LICENSE"));
        customer.as().body(Map.of("key", base.get("key"))).post("/api/v1/licenses/redeem").then().statusCode(200);
        customer.as().body(Map.of("key", foreign.get("key"))).post("/api/v1/licenses/redeem").then().statusCode(409)
                .body("code", equalTo("NO_BASE_LICENSE"));
        customer.as().body(Map.of("key", lower.get("key"))).post("/api/v1/licenses/redeem").then().statusCode(409)
                .body("code", equalTo("UPGRADE_NOT_HIGHER"));
        customer.as().body(Map.of("key", upgrade.get("key"))).post("/api/v1/licenses/redeem").then().statusCode(200)
                .body("status", equalTo("ACTIVE")).body("privilege", equalTo("ULTIMATE")).body("type", equalTo("UPGRADE"));
        customer.as().get("/api/v1/licenses/" + base.get("id")).then().body("status", equalTo("UPGRADED"));
        Row row = pool.preparedQuery("SELECT account_id, license_from FROM license.upgrades WHERE license_to = $1")
                .execute(Tuple.of(upgrade.get("id"))).await().indefinitely().iterator().next();
        assertEquals(customer.id(), row.getLong("account_id"));
        assertEquals(base.get("id"), row.getLong("license_from"));
    }
}
