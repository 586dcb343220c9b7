package org.licensing.device.outages;

import static io.restassured.RestAssured.given;
import static org.licensing.common.testing.Outages.answersUnavailable;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.licensing.common.testing.OutageProfile;
import org.licensing.common.testing.StandaloneRedisOnly;
import org.licensing.common.testing.OutageProxies;
import org.licensing.common.testing.Outages;
import org.licensing.device.Fixtures;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** With Redis or PostgreSQL away, device reads and activations answer 503 with Retry-After, quickly. */
@QuarkusTest
@StandaloneRedisOnly
@TestProfile(OutageProfile.class)
class DeviceOutageTest {

    @Test
    void devicesAnswer503WhileADependencyIsAway() throws Exception {
        Fixtures.License l = Fixtures.license(2);
        long device = given().contentType(ContentType.JSON).body(Map.of("license_key", l.key(), "device_id", "pc-outage"))
                .post("/api/v1/devices/activate").then().statusCode(201).extract().jsonPath().getLong("device.id");
        String seller = Fixtures.token(l.tenant().sellerId(), "SELLER");
        for (var proxy : new org.licensing.common.testing.TcpProxy[] { OutageProxies.postgres, OutageProxies.redis }) {
            String what = proxy == OutageProxies.redis ? "Redis away: " : "PostgreSQL away: ";
            OutageProxies.without(proxy, () -> {
                answersUnavailable(what + "GET device", () -> given().auth().oauth2(seller).get("/api/v1/devices/" + device));
                answersUnavailable(what + "activate", () -> given().contentType(ContentType.JSON)
                        .body(Map.of("license_key", l.key(), "device_id", "pc-outage-2")).post("/api/v1/devices/activate"));
                answersUnavailable(what + "register_user.php", () -> given().contentType(ContentType.URLENC)
                        .formParam("license_key", l.key()).formParam("device_id", "pc-outage-3").post("/api/register_user.php"));
            });
            Outages.eventually(200, () -> given().auth().oauth2(seller).get("/api/v1/devices/" + device));
        }
    }
}
