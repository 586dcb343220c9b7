package org.licensing.session;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.licensing.common.ratelimit.RateLimiter;
import org.licensing.session.support.Clients;
import org.licensing.session.support.Fixtures;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Both heartbeat routes refuse a client address the rate limiter blocked and count beats per
 * address, inside the heartbeat script (no extra round trip): the block and the counter are the
 * rate limiter's own Redis keys.
 */
@QuarkusTest
class HeartbeatAddressTest {

    // The tests call from loopback, as IPv4 or IPv6 depending on the resolver.
    private static final List<String> LOOPBACK = List.of("127.0.0.1", "0:0:0:0:0:0:0:1");

    @AfterEach
    void unblock() {
        for (String ip : LOOPBACK) {
            Fixtures.redis().key().del(RateLimiter.blockKey(ip), "ratelimit:{" + ip + "}:heartbeat-ip");
        }
    }

    @Test
    void aBlockedAddressIsRefusedOnBothHeartbeatRoutes() {
        Fixtures.License license = Fixtures.license(null);
        Fixtures.Device device = Fixtures.device(license);
        String token = Clients.session(license, device);
        Clients.beat(token).then().statusCode(200).body("status", equalTo("ok"));
        Clients.legacy(license.key(), device.clientDeviceId()).then().statusCode(200);

        LOOPBACK.forEach(ip -> Fixtures.redis().value(String.class).psetex(RateLimiter.blockKey(ip), 60_000, "1"));
        Clients.beat(token).then().statusCode(429).body("code", equalTo("IP_BLOCKED")).header("Retry-After", notNullValue());
        Clients.legacy(license.key(), device.clientDeviceId()).then().statusCode(429).body("status", equalTo("error"))
                .header("Retry-After", notNullValue());

        unblock();
        Clients.beat(token).then().statusCode(200).body("status", equalTo("ok"));
    }

    @Test
    void anAddressOverItsHeartbeatLimitIsRefused() {
        Fixtures.License license = Fixtures.license(null);
        Fixtures.Device device = Fixtures.device(license);
        String token = Clients.session(license, device);
        // the address has already beaten far more than any limit in this window
        LOOPBACK.forEach(ip -> Fixtures.redis().value(String.class).psetex("ratelimit:{" + ip + "}:heartbeat-ip", 60_000, "999999999"));
        Clients.beat(token).then().statusCode(429).body("code", equalTo("RATE_LIMITED")).header("Retry-After", notNullValue())
                .header("X-RateLimit-Remaining", equalTo("0"));
        Clients.legacy(license.key(), device.clientDeviceId()).then().statusCode(429).body("status", equalTo("error"));

        unblock();
        Clients.beat(token).then().statusCode(200).body("status", equalTo("ok"));
    }
}
