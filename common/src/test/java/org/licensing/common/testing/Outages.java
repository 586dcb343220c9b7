package org.licensing.common.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import io.restassured.response.Response;

/** Assertions of an outage test: the answer of a request that needs a missing dependency. */
public final class Outages {

    /** How long a refusal may take: a quick 503, never a hang until the client gives up. */
    public static final Duration QUICK = Duration.ofSeconds(6);

    private Outages() {}

    /** The request answers 503 SERVICE_UNAVAILABLE problem+json with Retry-After, quickly. */
    public static void answersUnavailable(String what, Supplier<Response> request) {
        Instant asked = Instant.now();
        Response r = request.get();
        Duration took = Duration.between(asked, Instant.now());
        assertEquals(503, r.statusCode(), what + ": " + r.asString());
        assertTrue(r.contentType().startsWith("application/problem+json"), what + ": " + r.contentType());
        assertEquals("SERVICE_UNAVAILABLE", r.jsonPath().getString("code"), what + ": " + r.asString());
        assertNotNull(r.header("Retry-After"), what + ": Retry-After");
        assertTrue(took.compareTo(QUICK) <= 0, what + " took " + took.toMillis() + " ms");
    }

    /** Repeats {@code request} until it answers {@code status} (a dependency came back), at most 20 s. */
    public static Response eventually(int status, Supplier<Response> request) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        Response r = request.get();
        while (r.statusCode() != status && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
            r = request.get();
        }
        assertEquals(status, r.statusCode(), r.asString());
        return r;
    }
}
