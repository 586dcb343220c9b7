package org.licensing.session;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.licensing.common.testing.RedisProxyProfile;
import org.licensing.common.testing.StandaloneRedisOnly;
import org.licensing.common.testing.RedisProxyResource;
import org.licensing.session.support.Clients;
import org.licensing.session.support.Fixtures;
import org.licensing.session.support.ForeignSchemas;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The heartbeat holds its own pipelined Redis connections: when Redis goes away they fail fast with
 * a 503 problem (not a 500, not a hang), and when it returns they are replaced without a restart
 * and the same session beats on.
 */
@QuarkusTest
@StandaloneRedisOnly
@TestProfile(RedisProxyProfile.class)
@QuarkusTestResource(ForeignSchemas.class)
class HeartbeatRedisOutageTest {

    @Test
    void heartbeatsAnswer503WhileRedisIsAwayAndResumeWhenItReturns() throws Exception {
        Fixtures.License license = Fixtures.license(null);
        String token = Clients.session(license, Fixtures.device(license));
        Clients.beat(token).then().statusCode(200).body("status", equalTo("ok"));

        RedisProxyResource.proxy.cut();
        try {
            Instant asked = Instant.now();
            Clients.beat(token).then().statusCode(503).contentType("application/problem+json")
                    .body("code", equalTo("SERVICE_UNAVAILABLE")).header("Retry-After", notNullValue());
            org.junit.jupiter.api.Assertions.assertTrue(Duration.between(asked, Instant.now()).toSeconds() <= 5,
                    "a heartbeat must not hang while Redis is away");
        } finally {
            RedisProxyResource.proxy.open();
        }

        Instant deadline = Instant.now().plusSeconds(15);
        int status = -1;
        while (Instant.now().isBefore(deadline) && status != 200) {
            status = Clients.beat(token).then().extract().statusCode();
            if (status != 200) {
                Thread.sleep(250);
            }
        }
        Clients.beat(token).then().statusCode(200).body("status", equalTo("ok"));
    }
}
