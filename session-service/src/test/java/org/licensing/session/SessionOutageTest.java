package org.licensing.session;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.licensing.common.testing.Outages.answersUnavailable;

import org.junit.jupiter.api.Test;
import org.licensing.common.testing.OutageProfile;
import org.licensing.common.testing.StandaloneRedisOnly;
import org.licensing.common.testing.OutageProxies;
import org.licensing.common.testing.Outages;
import org.licensing.session.support.Clients;
import org.licensing.session.support.Fixtures;
import org.licensing.session.support.ForeignSchemas;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Session start needs PostgreSQL and Redis: without either it answers 503 with Retry-After,
 * quickly. Heartbeats need only Redis, so they go on while PostgreSQL is away.
 */
@QuarkusTest
@StandaloneRedisOnly
@TestProfile(OutageProfile.class)
@QuarkusTestResource(ForeignSchemas.class)
class SessionOutageTest {

    @Test
    void postgresAwaySessionStartAnswers503AndHeartbeatsGoOn() throws Exception {
        Fixtures.License license = Fixtures.license(null);
        Fixtures.Device other = Fixtures.device(license);
        String token = Clients.session(license, Fixtures.device(license));
        OutageProxies.without(OutageProxies.postgres, () -> {
            // beats first: the test lease is 6 s (interval 4 s + grace 2 s)
            Clients.beat(token).then().statusCode(200).body("status", equalTo("ok"));
            answersUnavailable("start", () -> Clients.start(license, other));
        });
        Outages.eventually(201, () -> Clients.start(license, other));
    }

    @Test
    void redisAwaySessionStartAndLegacyHeartbeatAnswer503() throws Exception {
        Fixtures.License license = Fixtures.license(null);
        Fixtures.Device device = Fixtures.device(license);
        String token = Clients.session(license, Fixtures.device(license));
        OutageProxies.without(OutageProxies.redis, () -> {
            answersUnavailable("start", () -> Clients.start(license, device));
            answersUnavailable("heartbeat.php", () -> Clients.legacy(license.key(), device.clientDeviceId()));
            answersUnavailable("heartbeat", () -> Clients.beat(token));
            answersUnavailable("online", () -> given().auth().oauth2(Fixtures.token(license.sellerId(), "SELLER"))
                    .get("/api/v1/online/licenses/" + license.id()));
        });
        Outages.eventually(200, () -> Clients.beat(token));
    }
}
