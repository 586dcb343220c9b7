package org.licensing.session;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.licensing.common.events.StreamCeiling;
import org.licensing.common.events.StreamConfig;
import org.licensing.session.support.Clients;
import org.licensing.session.support.Fixtures;
import org.licensing.session.support.ForeignSchemas;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * At the stream memory ceiling the producers refuse new work with 503 + Retry-After instead of
 * appending (and, before this, dropping what no consumer had read): a heartbeat (which appends to the
 * heartbeat stream) and a session start (which writes an event) are refused and append nothing; below
 * the ceiling the same session beats on. The ceiling is lowered under the real {@code used_memory} of
 * the test Redis for the duration of the test.
 */
@QuarkusTest
@QuarkusTestResource(ForeignSchemas.class)
class StreamCeilingTest {

    @Inject
    StreamCeiling ceiling;
    @Inject
    StreamConfig streams;
    @Inject
    ReactiveRedisDataSource redis;

    @Test
    void atTheCeilingHeartbeatsAndSessionStartsAre503AndAppendNothing() throws Exception {
        Fixtures.License license = Fixtures.license(null);
        Fixtures.Device device = Fixtures.device(license);
        String token = Clients.session(license, device);
        Clients.beat(token).then().statusCode(200).body("status", equalTo("ok"));
        String partition = streams.heartbeatsPartition("device:" + device.id());
        long before = redis.stream(String.class).xlen(partition).await().indefinitely();

        ceiling.ceilingForTests(1); // one byte: any Redis is above it
        try {
            Clients.beat(token).then().statusCode(503).contentType("application/problem+json")
                    .body("code", equalTo("SERVICE_UNAVAILABLE")).header("Retry-After", equalTo("5"));
            Clients.start(license, Fixtures.device(license)).then().statusCode(503)
                    .body("code", equalTo("SERVICE_UNAVAILABLE")).header("Retry-After", equalTo("5"));
            assertEquals(before, redis.stream(String.class).xlen(partition).await().indefinitely(),
                    "a refused beat appends nothing");
        } finally {
            ceiling.ceilingForTests(streams.memoryCeiling().asLongValue());
        }

        Clients.beat(token).then().statusCode(200).body("status", equalTo("ok"));
        assertEquals(before + 1, redis.stream(String.class).xlen(partition).await().indefinitely());
    }
}
