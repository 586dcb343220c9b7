package org.licensing.device;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** DESIGN section 4: the device limit holds under any concurrency (real parallel HTTP requests, real PostgreSQL). */
@QuarkusTest
class ActivationConcurrencyTest {

    record Outcome(int status, String code) {}

    private static List<Outcome> race(Fixtures.License l, List<String> deviceIds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(deviceIds.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (String dev : deviceIds) {
                futures.add(pool.submit(() -> {
                    start.await();
                    Response r = given().contentType(ContentType.JSON)
                            .body(Map.of("license_key", l.key(), "device_id", dev)).post("/api/v1/devices/activate");
                    return new Outcome(r.statusCode(), r.statusCode() >= 400 ? r.jsonPath().getString("code") : null);
                }));
            }
            start.countDown();
            List<Outcome> out = new ArrayList<>();
            for (Future<Outcome> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void fiftyParallelActivationsOnThreeSlotsBindExactlyThree() throws Exception {
        Fixtures.License l = Fixtures.license(3);
        List<String> devices = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            devices.add("race-" + l.id() + "-" + i);
        }
        List<Outcome> outcomes = race(l, devices);
        assertEquals(3, outcomes.stream().filter(o -> o.status() == 201).count(), outcomes.toString());
        assertEquals(47, outcomes.stream().filter(o -> o.status() == 409 && "DEVICE_LIMIT_REACHED".equals(o.code())).count(),
                outcomes.toString());
        assertEquals(3, Fixtures.scalarLong("SELECT count(*) FROM device.devices WHERE license_id = ? AND bound", l.id()));
        assertEquals(3, Fixtures.scalarLong("SELECT count(*) FROM device.outbox WHERE event_type = 'device.bound'"
                + " AND (payload::jsonb ->> 'license_id')::bigint = ?", l.id()));
    }

    @Test
    void parallelReactivationsOfOneDeviceTakeOneSlot() throws Exception {
        Fixtures.License l = Fixtures.license(2);
        List<String> same = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            same.add("same-device-" + l.id());
        }
        List<Outcome> outcomes = race(l, same);
        assertEquals(1, outcomes.stream().filter(o -> o.status() == 201).count(), outcomes.toString());
        assertEquals(19, outcomes.stream().filter(o -> o.status() == 200).count(), outcomes.toString());
        assertEquals(1, Fixtures.scalarLong("SELECT count(*) FROM device.devices WHERE license_id = ?", l.id()));
    }
}
