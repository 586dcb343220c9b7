package org.licensing.license.licenses;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.licensing.license.TestParties;
import org.licensing.license.TestParties.Party;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ConcurrentRedeemTest {

    /** Several accounts redeem the same key at the same moment: exactly one wins, the others get 409. */
    @Test
    void exactlyOneAccountWins() throws Exception {
        Party seller = TestParties.seller();
        long product = TestParties.product(seller, "SEGMENTED", Map.of());
        for (int round = 0; round < 3; round++) {
            var l = TestParties.issue(seller, product, Map.of());
            List<Party> customers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                customers.add(TestParties.customer());
            }
            ExecutorService pool = Executors.newFixedThreadPool(customers.size());
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (Party c : customers) {
                Callable<Integer> call = () -> {
                    start.await();
                    return c.as().body(Map.of("key", l.get("key"))).post("/api/v1/licenses/redeem").statusCode();
                };
                results.add(pool.submit(call));
            }
            start.countDown();
            int ok = 0;
            int conflict = 0;
            for (Future<Integer> f : results) {
                int s = f.get();
                if (s == 200) {
                    ok++;
                } else if (s == 409) {
                    conflict++;
                }
            }
            pool.shutdown();
            assertEquals(1, ok);
            assertEquals(customers.size() - 1, conflict);
            int owners = 0;
            for (Party c : customers) {
                owners += c.as().get("/api/v1/licenses").then().extract().jsonPath().getInt("total");
            }
            assertEquals(1, owners);
        }
    }
}
