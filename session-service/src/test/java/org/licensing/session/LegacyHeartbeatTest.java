package org.licensing.session;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.licensing.common.redis.RedisKeys;
import org.licensing.session.sessions.SessionKeys;
import org.licensing.session.support.Clients;
import org.licensing.session.support.Fixtures;
import org.licensing.session.support.ForeignSchemas;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(ForeignSchemas.class)
class LegacyHeartbeatTest {

    @Test
    void firstBeatOpensASessionAndLaterBeatsKeepIt() {
        Fixtures.License license = Fixtures.license(null);
        Fixtures.Device device = Fixtures.device(license);
        Fixtures.publishLookups(license, device);
        for (int i = 0; i < 3; i++) {
            Clients.legacy(license.key(), device.clientDeviceId()).then().statusCode(200)
                    .contentType("application/json")
                    .body("status", equalTo("success")).body("message", equalTo("Heartbeat received."));
        }
        List<List<Object>> rows = Fixtures.query("SELECT origin, client_version, ended_at FROM session.client_sessions"
                + " WHERE device_id = ?", device.id());
        assertEquals(1, rows.size(), "one session for consecutive beats");
        assertEquals("LEGACY", rows.get(0).get(0));
        String sid = Fixtures.redis().value(String.class).get(SessionKeys.legacySession(license.id(), device.id()));
        assertEquals(sid, Fixtures.redis().value(String.class).get(RedisKeys.deviceOnline(license.id(), device.id())));
    }

    @Test
    void coldCacheFallsBackToTheDatabaseOnce() {
        Fixtures.License license = Fixtures.license(null);
        Fixtures.Device device = Fixtures.device(license);
        // no Redis look-up keys: the first beat reads PostgreSQL and opens the session
        Clients.legacy(license.key(), device.clientDeviceId()).then().statusCode(200).body("status", equalTo("success"));
        assertEquals(1, Fixtures.query("SELECT 1 FROM session.client_sessions WHERE device_id = ?", device.id()).size());
    }

    @Test
    void answersErrorOrBlockedInTheOldShape() {
        Fixtures.License license = Fixtures.license(null);
        Fixtures.Device device = Fixtures.device(license);
        Fixtures.publishLookups(license, device);
        Clients.legacy(null, device.clientDeviceId()).then().statusCode(200).body("status", equalTo("error"))
                .body("message", equalTo("Key and Device ID are required."));
        Clients.legacy(license.key(), "").then().statusCode(200).body("status", equalTo("error"));
        Clients.legacy("bad key!", device.clientDeviceId()).then().statusCode(200).body("status", equalTo("error"))
                .body("message", equalTo("Invalid license key."));
        String unknown = "sess-unknown-" + System.nanoTime();
        Clients.legacy(unknown, "x").then().statusCode(200).body("status", equalTo("error"))
                .body("message", equalTo("Invalid license key."));
        // again: now answered from the remembered "no such key" entry
        Clients.legacy(unknown, "x").then().statusCode(200).body("status", equalTo("error"))
                .body("message", equalTo("Invalid license key."));
        Clients.legacy(license.key(), "not-registered-" + System.nanoTime()).then().statusCode(200)
                .body("status", equalTo("blocked"));

        Clients.legacy(license.key(), device.clientDeviceId()).then().body("status", equalTo("success"));
        Fixtures.redis().value(String.class).set(RedisKeys.deviceBlocked(device.id()), "1");
        Clients.legacy(license.key(), device.clientDeviceId()).then().statusCode(200).body("status", equalTo("blocked"))
                .body("message", equalTo("The device is blocked."));
        // still blocked: the next beat opens no new session for a blocked device
        Clients.legacy(license.key(), device.clientDeviceId()).then().statusCode(200).body("status", equalTo("blocked"));
    }

    @Test
    void aSuspendedLicenseIsBlocked() {
        Fixtures.License license = Fixtures.license(null);
        Fixtures.Device device = Fixtures.device(license);
        Fixtures.publishLookups(license, device);
        Clients.legacy(license.key(), device.clientDeviceId()).then().body("status", equalTo("success"));
        Fixtures.redis().value(String.class).set(RedisKeys.licenseStatus(license.id()), "SUSPENDED");
        Clients.legacy(license.key(), device.clientDeviceId()).then().statusCode(200).body("status", equalTo("blocked"))
                .body("message", equalTo("The license is suspended."));
    }

    @Test
    void tooManyBeatsGet429InTheOldShape() {
        Fixtures.License license = Fixtures.license(null);
        Fixtures.Device device = Fixtures.device(license);
        Fixtures.publishLookups(license, device);
        // the first beat opens the session; the next 40 are counted against the limit of 40 per window
        for (int i = 0; i < 41; i++) {
            Clients.legacy(license.key(), device.clientDeviceId()).then().statusCode(200).body("status", equalTo("success"));
        }
        Clients.legacy(license.key(), device.clientDeviceId()).then().statusCode(429).body("status", equalTo("error"))
                .header("Retry-After", org.hamcrest.Matchers.notNullValue());
    }
}
