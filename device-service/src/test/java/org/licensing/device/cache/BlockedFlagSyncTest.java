package org.licensing.device.cache;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.licensing.common.redis.RedisKeys;
import org.licensing.device.Fixtures;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class BlockedFlagSyncTest {

    @Inject
    RedisDataSource redis;

    @Inject
    BlockedFlagSync sync;

    @Test
    void aLostBlockFlagIsPushedAgain() {
        Fixtures.License l = Fixtures.license(1);
        long row = given().contentType(ContentType.JSON).body(Map.of("license_key", l.key(), "device_id", "d-" + UUID.randomUUID()))
                .post("/api/v1/devices/activate").then().statusCode(201).extract().jsonPath().getLong("device.id");
        given().auth().oauth2(Fixtures.token(l.tenant().sellerId(), "SELLER")).contentType(ContentType.JSON)
                .body(Map.of("reason", "abuse")).post("/api/v1/devices/" + row + "/block").then().statusCode(200);
        redis.key().del(RedisKeys.deviceBlocked(row)); // as if Redis lost it
        assertNull(redis.value(String.class).get(RedisKeys.deviceBlocked(row)));
        sync.sync().await().atMost(Duration.ofSeconds(30));
        assertEquals("abuse", redis.value(String.class).get(RedisKeys.deviceBlocked(row)));
    }
}
