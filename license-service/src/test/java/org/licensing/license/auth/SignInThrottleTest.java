package org.licensing.license.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.licensing.license.TestParties;
import org.licensing.license.TestParties.Party;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Sign-in throttling against the real Redis: atomic under parallel guesses, per login and address,
 * growing back-off, and the owner keeps signing in from an address where it succeeded before.
 * %test: 5 per (login, address), 20 per login from unknown addresses, 20 per address; lock 2 s first.
 */
@QuarkusTest
class SignInThrottleTest {

    static String randomIp(int first) {
        return first + "." + (int) (Math.random() * 250) + "." + (int) (Math.random() * 250) + "." + (1 + (int) (Math.random() * 250));
    }

    static Response signIn(String ip, String login, String password) {
        return given().contentType(ContentType.JSON).header("X-Real-IP", ip).body(Map.of("login", login, "password", password))
                .post("/api/v1/auth/sign-in");
    }

    @Test
    void parallelGuessesAreEvaluatedAtMostTheBudget() throws Exception {
        Party c = TestParties.customer();
        String ip = randomIp(100);
        int guesses = 20;
        ExecutorService pool = Executors.newFixedThreadPool(guesses);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        try {
            for (int i = 0; i < guesses; i++) {
                int n = i;
                results.add(pool.submit(() -> {
                    start.await();
                    return signIn(ip, c.username(), "wrong-" + n).statusCode();
                }));
            }
            start.countDown();
            int evaluated = 0;
            int refused = 0;
            for (Future<Integer> f : results) {
                int status = f.get();
                if (status == 401) {
                    evaluated++;
                } else if (status == 429) {
                    refused++;
                }
            }
            assertEquals(guesses, evaluated + refused, "every guess is either evaluated (401) or refused (429)");
            assertTrue(evaluated >= 1 && evaluated <= 5, "at most 5 of " + guesses + " parallel guesses evaluated, was " + evaluated);
        } finally {
            pool.shutdownNow();
        }
        // the budget is locked now, even for the right password from this address
        signIn(ip, c.username(), c.password()).then().statusCode(429).body("code", equalTo("TOO_MANY_FAILED_SIGN_INS"));
    }

    @Test
    void lockOutGrowsWithEveryFurtherExhaustion() throws Exception {
        Party c = TestParties.customer();
        String ip = randomIp(101);
        for (int i = 0; i < 5; i++) {
            signIn(ip, c.username(), "wrong-" + i).then().statusCode(401);
        }
        Response first = signIn(ip, c.username(), c.password());
        first.then().statusCode(429);
        long firstLock = Long.parseLong(first.header("Retry-After"));
        assertTrue(firstLock >= 1 && firstLock <= 2, "first lock " + firstLock);
        Thread.sleep(firstLock * 1000 + 300);
        for (int i = 0; i < 5; i++) {
            signIn(ip, c.username(), "again-" + i).then().statusCode(401);
        }
        Response second = signIn(ip, c.username(), c.password());
        second.then().statusCode(429);
        long secondLock = Long.parseLong(second.header("Retry-After"));
        assertTrue(secondLock >= 3 && secondLock <= 4, "second lock doubles: " + secondLock);
        // once the lock has passed, the right password works and forgives the strikes
        Thread.sleep(secondLock * 1000 + 300);
        signIn(ip, c.username(), c.password()).then().statusCode(200);
        for (int i = 0; i < 5; i++) {
            signIn(ip, c.username(), "later-" + i).then().statusCode(401);
        }
        Response third = signIn(ip, c.username(), c.password());
        third.then().statusCode(429);
        assertTrue(Long.parseLong(third.header("Retry-After")) <= 2, "strikes were forgiven by the success");
    }

    @Test
    void guessesFromElsewhereNeverLockTheOwnerOutOfItsUsualAddress() {
        Party c = TestParties.customer();
        String home = randomIp(102);
        signIn(home, c.username(), c.password()).then().statusCode(200);
        // an attacker on one address uses up only that address's budget
        String attacker = randomIp(103);
        for (int i = 0; i < 5; i++) {
            signIn(attacker, c.username(), "guess-" + i).then().statusCode(401);
        }
        signIn(attacker, c.username(), "guess-x").then().statusCode(429);
        signIn(home, c.username(), c.password()).then().statusCode(200);
        // a distributed attacker (one guess per address) uses up the login's budget for unknown addresses...
        int refused = 0;
        for (int i = 0; i < 21; i++) {
            int status = signIn(randomIp(104), c.username(), "spread-" + i).statusCode();
            if (status == 429) {
                refused++;
            }
        }
        assertTrue(refused >= 1, "the login's budget for unknown addresses ran out");
        signIn(randomIp(105), c.username(), c.password()).then().statusCode(429);
        // ...but the owner still signs in from home
        signIn(home, c.username(), c.password()).then().statusCode(200);
    }
}
