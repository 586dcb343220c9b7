package org.licensing.stats.outages;

import static io.restassured.RestAssured.given;
import static org.licensing.common.testing.Outages.answersUnavailable;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.licensing.common.testing.ForeignSchema;
import org.licensing.common.testing.StandaloneRedisOnly;
import org.licensing.common.testing.OutageProfile;
import org.licensing.common.testing.OutageProxies;
import org.licensing.common.testing.Outages;
import org.licensing.common.testing.TestInfra;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Statistics and the event log answer 503 with Retry-After, quickly, while Redis or PostgreSQL is away. */
@QuarkusTest
@StandaloneRedisOnly
@TestProfile(OutageProfile.class)
class StatsOutageTest {

    private static long insert(Connection c, String sql, Object... args) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void statsAnswer503WhileADependencyIsAway() throws Exception {
        ForeignSchema.migrate("license");
        long seller;
        long license;
        try (Connection c = DriverManager.getConnection(TestInfra.JDBC_URL, "licensing", "licensing")) {
            String name = "so-" + UUID.randomUUID().toString().substring(0, 18);
            seller = insert(c, "INSERT INTO license.accounts (username, email, password_hash, role, seller_name) VALUES (?, ?, 'x', 'SELLER', ?) RETURNING id",
                    name, name + "@example.test", name);
            long product = insert(c, "INSERT INTO license.products (seller_id, code, name) VALUES (?, 'API', 'Outage') RETURNING id", seller);
            license = insert(c, "INSERT INTO license.licenses (key_hash, key_encrypted, key_scheme, key_hint, product_id, seller_id, status)"
                    + " VALUES (?, 'enc', 'OPAQUE', 'hint', ?, ?, 'ACTIVE') RETURNING id",
                    (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "").substring(0, 64), product, seller);
        }
        String token = org.licensing.common.testing.TestTokens.access(seller, "SELLER");
        given().auth().oauth2(token).get("/api/v1/stats/licenses/" + license).then().statusCode(200);
        for (var proxy : new org.licensing.common.testing.TcpProxy[] { OutageProxies.postgres, OutageProxies.redis }) {
            String what = proxy == OutageProxies.redis ? "Redis away: " : "PostgreSQL away: ";
            OutageProxies.without(proxy, () -> {
                answersUnavailable(what + "license stats", () -> given().auth().oauth2(token).get("/api/v1/stats/licenses/" + license));
                answersUnavailable(what + "events", () -> given().auth().oauth2(token).get("/api/v1/events?license_id=" + license));
            });
            Outages.eventually(200, () -> given().auth().oauth2(token).get("/api/v1/stats/licenses/" + license));
        }
    }
}
