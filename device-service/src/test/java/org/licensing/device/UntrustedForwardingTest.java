package org.licensing.device;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * A direct call from a peer that is not a trusted proxy (here 127.0.0.1 is left out of
 * TRUSTED_PROXIES) is stored with the connection's address and no country, whatever forwarding
 * headers it sent.
 */
@QuarkusTest
@TestProfile(UntrustedForwardingTest.GatewayElsewhere.class)
class UntrustedForwardingTest {

    public static class GatewayElsewhere implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("licensing.http.trusted-proxies", "10.0.0.0/8,fd00::/8");
        }
    }

    @Test
    void forwardingHeadersFromAnUntrustedPeerAreIgnored() {
        Fixtures.License l = Fixtures.license(2);
        String dev = "dev-" + UUID.randomUUID();
        long row = given().contentType(ContentType.JSON)
                .header("X-Forwarded-For", "203.0.113.77").header("X-Real-IP", "203.0.113.78").header("X-Country-Code", "KP")
                .body(Map.of("license_key", l.key(), "device_id", dev)).post("/api/v1/devices/activate")
                .then().statusCode(201).body("device.ip_address", equalTo("127.0.0.1"))
                .extract().jsonPath().getLong("device.id");
        assertEquals("127.0.0.1", Fixtures.scalarString("SELECT ip_address FROM device.devices WHERE id = ?", row));
        assertNull(Fixtures.scalarString("SELECT country_code FROM device.devices WHERE id = ?", row));
        assertEquals(0L, Fixtures.scalarLong("SELECT count(*) FROM device.device_locations WHERE device_row_id = ? AND country_code = 'KP'", row));
    }
}
