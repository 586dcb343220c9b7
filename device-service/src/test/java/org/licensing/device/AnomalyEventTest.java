package org.licensing.device;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.licensing.common.events.EventTypes;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class AnomalyEventTest {

    static long activate(Fixtures.License l, String dev, String ip, String country) {
        var req = given().contentType(ContentType.JSON).header("X-Real-IP", ip);
        if (country != null) {
            req = req.header("X-Country-Code", country);
        }
        return req.body(Map.of("license_key", l.key(), "device_id", dev)).post("/api/v1/devices/activate")
                .then().statusCode(org.hamcrest.Matchers.anyOf(org.hamcrest.Matchers.is(200), org.hamcrest.Matchers.is(201)))
                .extract().jsonPath().getLong("device.id");
    }

    @Test
    void signInFromAnotherCountryEmitsLoginAnomalyWithBothLocations() {
        Fixtures.License l = Fixtures.license(2);
        String dev = "dev-" + UUID.randomUUID();
        long row = activate(l, dev, "203.0.113.5", "DE");
        activate(l, dev, "203.0.113.99", "de");
        assertEquals(0, Fixtures.events(EventTypes.LOGIN_ANOMALY, row), "same country is no anomaly");
        activate(l, dev, "198.51.100.20", "US");
        String event = Fixtures.lastEvent(EventTypes.LOGIN_ANOMALY, row);
        assertNotNull(event);
        assertTrue(event.contains("\"previous\":{\"country\":\"DE\"") && event.contains("\"current\":{\"country\":\"US\""), event);
        assertTrue(event.contains("\"level\":\"warn\""), event);
        assertEquals("US", Fixtures.scalarString("SELECT country_code FROM device.devices WHERE id = ?", row));
        // Back home: DE is in the device's history, so no new anomaly.
        activate(l, dev, "203.0.113.5", "DE");
        assertEquals(1, Fixtures.events(EventTypes.LOGIN_ANOMALY, row));
    }

    @Test
    void withoutCountryTheNetworkIsCompared() {
        Fixtures.License l = Fixtures.license(2);
        String dev = "dev-" + UUID.randomUUID();
        long row = activate(l, dev, "192.0.2.10", null);
        activate(l, dev, "192.0.77.1", null);
        assertEquals(0, Fixtures.events(EventTypes.LOGIN_ANOMALY, row), "same /16");
        activate(l, dev, "10.9.8.7", null);
        String event = Fixtures.lastEvent(EventTypes.LOGIN_ANOMALY, row);
        assertNotNull(event);
        assertTrue(event.contains("\"basis\":\"network\"") && event.contains("192.0.0.0/16") && event.contains("10.9.0.0/16"), event);
    }

    @Test
    void aNewDeviceIsComparedWithTheLicensesOtherDevices() {
        Fixtures.License l = Fixtures.license(3);
        activate(l, "dev-" + UUID.randomUUID(), "203.0.113.5", "FR");
        long second = activate(l, "dev-" + UUID.randomUUID(), "203.0.113.6", "FR");
        assertEquals(0, Fixtures.events(EventTypes.LOGIN_ANOMALY, second));
        long third = activate(l, "dev-" + UUID.randomUUID(), "198.51.100.1", "BR");
        assertEquals(1, Fixtures.events(EventTypes.LOGIN_ANOMALY, third));
    }
}
