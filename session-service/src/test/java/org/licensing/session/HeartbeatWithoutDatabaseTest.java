package org.licensing.session;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.licensing.session.support.Clients;
import org.licensing.session.support.DatabaseProxyProfile;
import org.licensing.session.support.Fixtures;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The heartbeat hot path makes no PostgreSQL statement: it keeps answering while the database is unreachable. */
@QuarkusTest
@TestProfile(DatabaseProxyProfile.class)
class HeartbeatWithoutDatabaseTest {

    @Test
    void heartbeatsAnswerWhileTheDatabaseIsCut() throws Exception {
        Fixtures.License license = Fixtures.license(null);
        Fixtures.Device device = Fixtures.device(license);
        Fixtures.Device legacyDevice = Fixtures.device(license);
        Fixtures.publishLookups(license, legacyDevice);
        String token = Clients.session(license, device);
        Clients.legacy(license.key(), legacyDevice.clientDeviceId()).then().statusCode(200).body("status", equalTo("success"));

        DatabaseProxyProfile.proxy.cut();
        try {
            for (int i = 0; i < 5; i++) {
                Clients.beat(token).then().statusCode(200).body("status", equalTo("ok"));
                Clients.legacy(license.key(), legacyDevice.clientDeviceId()).then().statusCode(200)
                        .body("status", equalTo("success")).body("message", equalTo("Heartbeat received."));
            }
            // proof that the database is really gone for this service
            int status = Clients.start(license, device).statusCode();
            assertTrue(status >= 500, "session start needs PostgreSQL, got " + status);
        } finally {
            DatabaseProxyProfile.proxy.open();
        }
        Clients.start(license, device).then().statusCode(201);
    }
}
