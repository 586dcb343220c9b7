package org.licensing.license.metering;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.licensing.common.events.StreamConfig;
import org.licensing.license.validation.Fixtures;
import org.licensing.license.validation.StreamProbe;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class UsageMeteringTest {

    @Inject
    RedisDataSource redis;
    @Inject
    StreamConfig streams;

    static int recordByKey(String key, String metric, long amount) {
        return given().contentType(ContentType.JSON).body(Map.of("key", key, "metric", metric, "amount", amount))
                .post("/api/v1/licenses/usage").then().extract().statusCode();
    }

    @Test
    void parallelCallsNeverExceedTheLimit() throws Exception {
        int limit = 10;
        int calls = 40;
        // a day limit, so the test cannot straddle a window boundary
        Fixtures.Scenario s = Fixtures.scenario("{\"api_calls_per_day\": " + limit + "}", "[]", "[]", 1, null);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                tasks.add(() -> recordByKey(s.key(), "api_calls", 1));
            }
            int ok = 0;
            int refused = 0;
            for (Future<Integer> f : pool.invokeAll(tasks)) {
                int status = f.get();
                if (status == 200) {
                    ok++;
                } else if (status == 429) {
                    refused++;
                }
            }
            assertEquals(limit, ok);
            assertEquals(calls - limit, refused);
        } finally {
            pool.shutdownNow();
        }
        String token = Fixtures.token(s.seller(), "SELLER");
        given().auth().oauth2(token).get("/api/v1/licenses/" + s.license() + "/usage").then().statusCode(200)
                .body("counters.find { it.limit_key == 'api_calls_per_day' }.used", equalTo(limit))
                .body("counters.find { it.limit_key == 'api_calls_per_day' }.remaining", equalTo(0));
        // warnings at 80, 90 and 100 % exactly once each, whatever the concurrency
        Fixtures.eventually(Duration.ofSeconds(5),
                () -> StreamProbe.eventsOf(redis, streams, s.license(), "license.usage_exceeded").size() == 1);
        var warnings = StreamProbe.eventsOf(redis, streams, s.license(), "license.usage_warning");
        assertEquals(2, warnings.size());
        assertEquals(List.of(80, 90), warnings.stream().map(e -> e.getJsonObject("data").getInteger("threshold_percent"))
                .sorted().toList());
        assertEquals(1, StreamProbe.eventsOf(redis, streams, s.license(), "license.usage_exceeded").size());
        // the next validation says so, until the window resets
        given().contentType(ContentType.JSON).body(Map.of("key", s.key())).post("/api/v1/licenses/validate").then()
                .statusCode(200).body("code", equalTo("USAGE_LIMIT_EXCEEDED"));
    }

    @Test
    void refusalCarriesRetryAfterAndCountsNothing() {
        Fixtures.Scenario s = Fixtures.scenario("{\"bandwidth_bytes_per_month\": 1000}", "[]", "[]", 1, null);
        assertEquals(200, recordByKey(s.key(), "bandwidth_bytes", 600));
        given().contentType(ContentType.JSON).body(Map.of("key", s.key(), "metric", "bandwidth_bytes", "amount", 500))
                .post("/api/v1/licenses/usage").then().statusCode(429).header("Retry-After", notNullValue())
                .body("code", equalTo("USAGE_LIMIT_EXCEEDED")).body("limit_key", equalTo("bandwidth_bytes_per_month"));
        assertEquals(200, recordByKey(s.key(), "bandwidth_bytes", 400));
        assertEquals(429, recordByKey(s.key(), "bandwidth_bytes", 1));
    }

    @Test
    void storageIsAGaugeThatCanBeFreed() {
        Fixtures.Scenario s = Fixtures.scenario("{\"storage_bytes\": 100}", "[]", "[]", 1, null);
        assertEquals(200, recordByKey(s.key(), "storage_bytes", 100));
        assertEquals(429, recordByKey(s.key(), "storage_bytes", 1));
        assertEquals(200, recordByKey(s.key(), "storage_bytes", -30));
        assertEquals(200, recordByKey(s.key(), "storage_bytes", 30));
        assertEquals(400, recordByKey(s.key(), "api_calls", -1));
    }

    @Test
    void recordingByIdNeedsTheSellerAdminOrOwner() {
        Fixtures.Scenario s = Fixtures.scenario("{}", "[]", "[]", 1, null);
        String path = "/api/v1/licenses/" + s.license() + "/usage";
        Map<String, Object> body = Map.of("metric", "api_calls", "amount", 3);
        given().contentType(ContentType.JSON).body(body).post(path).then().statusCode(401);
        long stranger = Fixtures.account("SELLER");
        given().auth().oauth2(Fixtures.token(stranger, "SELLER")).contentType(ContentType.JSON).body(body).post(path).then()
                .statusCode(404);
        given().auth().oauth2(Fixtures.token(s.seller(), "SELLER")).contentType(ContentType.JSON).body(body).post(path).then()
                .statusCode(200).body("accepted", equalTo(true))
                .body("counters.find { it.window == 'month' }.used", equalTo(3));
        given().auth().oauth2(Fixtures.token(s.owner(), "CUSTOMER")).contentType(ContentType.JSON).body(body).post(path)
                .then().statusCode(200);
        given().auth().oauth2(Fixtures.token(s.seller(), "SELLER")).contentType(ContentType.JSON)
                .body(Map.of("metric", "teleports")).post(path).then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
    }

    @Test
    void suspendedLicenseRecordsNothing() {
        Fixtures.Scenario s = Fixtures.scenario("{}", "[]", "[]", 1, null);
        Fixtures.execute("UPDATE license.licenses SET status = 'SUSPENDED' WHERE id = ?", s.license());
        given().contentType(ContentType.JSON).body(Map.of("key", s.key(), "metric", "api_calls"))
                .post("/api/v1/licenses/usage").then().statusCode(409).body("code", equalTo("LICENSE_NOT_USABLE"));
    }
}
