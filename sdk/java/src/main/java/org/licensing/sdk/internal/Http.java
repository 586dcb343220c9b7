package org.licensing.sdk.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import org.licensing.sdk.ErrorKind;
import org.licensing.sdk.LicensingException;

/** JSON over {@code java.net.http} to the gateway; every failure leaves as a {@link LicensingException}. */
public final class Http {

    public static final String USER_AGENT = "licensing-sdk-java/0.1.0";

    /** One answer: status, Retry-After and the parsed JSON body (empty map when there was none). */
    public record Answer(int status, String retryAfterHeader, Map<String, Object> body) {}

    private final HttpClient client;
    private final URI base;
    private final Duration timeout;
    private final Clock clock;

    public Http(HttpClient client, URI base, Duration timeout, Clock clock) {
        this.client = client;
        String b = base.toString();
        this.base = URI.create(b.endsWith("/") ? b.substring(0, b.length() - 1) : b);
        this.timeout = timeout;
        this.clock = clock;
    }

    /** Sends and answers 2xx bodies; any other status becomes the matching exception. */
    public Map<String, Object> call(String method, String path, Map<String, Object> body, String bearer) {
        Answer a = exchange(method, path, body, bearer);
        if (a.status() >= 200 && a.status() < 300) {
            return a.body();
        }
        throw refusal(a.status(), a.retryAfterHeader(), a.body(), clock);
    }

    /** Sends and answers whatever came back; only a missing answer throws (kind NETWORK). */
    public Answer exchange(String method, String path, Map<String, Object> body, String bearer) {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .header("Accept", "application/json, application/problem+json").header("User-Agent", USER_AGENT);
        if (bearer != null) {
            r.header("Authorization", "Bearer " + bearer);
        }
        if (body != null) {
            r.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(Json.write(body), StandardCharsets.UTF_8));
        } else {
            r.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> res;
        try {
            res = client.send(r.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw LicensingException.network(method + " " + path + ": " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LicensingException.network(method + " " + path + ": interrupted", e);
        }
        return new Answer(res.statusCode(), res.headers().firstValue("Retry-After").orElse(null), parse(res.body()));
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + " " + e.getMessage();
    }

    /** The error for a non-2xx answer of {@link #exchange}, timed by this client's clock (Retry-After dates). */
    public LicensingException refusal(Answer a) {
        return refusal(a.status(), a.retryAfterHeader(), a.body(), clock);
    }

    static Map<String, Object> parse(String text) {
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        try {
            return Json.parseObject(text);
        } catch (IllegalArgumentException e) {
            return Map.of(); // an HTML error page of a proxy, say: the status tells enough
        }
    }

    /**
     * The error for a non-2xx answer: the problem's code, detail and extensions; 502/503/504 are
     * {@link ErrorKind#UNAVAILABLE}; a body that is not a problem gives {@code HTTP_<status>}
     * ({@code SERVICE_UNAVAILABLE} for the unavailable ones).
     */
    public static LicensingException refusal(int status, String retryAfterHeader, Map<String, Object> problem, Clock clock) {
        boolean unavailable = status == 502 || status == 503 || status == 504;
        String code = Values.str(problem, "code");
        if (code == null || code.isBlank()) {
            code = unavailable ? LicensingException.SERVICE_UNAVAILABLE : "HTTP_" + status;
        }
        String detail = Values.str(problem, "detail");
        if (detail == null) {
            detail = Values.str(problem, "title");
        }
        return new LicensingException(unavailable ? ErrorKind.UNAVAILABLE : ErrorKind.REFUSED, code, status, detail,
                RetryAfter.parse(retryAfterHeader, clock.instant()), problem, null);
    }
}
