package org.licensing.license.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.junit.jupiter.api.Test;
import org.licensing.common.http.AuthFailureHandoff;
import org.licensing.license.TestParties;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.ext.web.Router;

/**
 * {@link AuthFailureHandoff} against the running service: it must sit between HTTP security's
 * authentication and Quarkus REST's filter (the filter would otherwise rebuild a request mapper per
 * request), and authentication failures and metrics must behave as they did.
 */
@QuarkusTest
class AuthFailureHandoffTest {

    static final String PROBE = "X-Handoff-Probe";
    /** The failure handler each probed request carried once Quarkus REST's filter had run. */
    static final Map<String, String> SEEN = new ConcurrentHashMap<>();

    /** Looks at the request right after Quarkus REST's filter (route order -199). */
    @ApplicationScoped
    static class AfterRestFilter {
        void register(@Observes Router router) {
            router.route().order(-198).handler(ctx -> {
                String probe = ctx.request().getHeader(PROBE);
                if (probe != null) {
                    Object handler = ctx.get(AuthFailureHandoff.FAILURE_HANDLER_KEY);
                    SEEN.put(probe, handler == null ? "none" : handler.getClass().getName());
                }
                ctx.next();
            });
        }
    }

    @Test
    void theHandOffIsInPlaceBeforeQuarkusRestsFilterLooks() {
        given().header(PROBE, "health").get("/q/health/live").then().statusCode(200);
        TestParties.Party seller = TestParties.seller();
        seller.as().header(PROBE, "rest").get("/api/v1/licenses").then().statusCode(200);
        // Quarkus REST's own hand-off would be ResteasyReactiveRecorder$FailingDefaultAuthFailureHandler,
        // installed after it built the request mapper: seeing ours means its filter skipped that work.
        assertEquals(AuthFailureHandoff.ToRestExceptionMappers.class.getName(), SEEN.get("health"));
        assertEquals(AuthFailureHandoff.ToRestExceptionMappers.class.getName(), SEEN.get("rest"));
    }

    @Test
    void authenticationFailuresStillAnswerProblems() {
        given().get("/api/v1/licenses").then().statusCode(401);
        given().auth().oauth2("not-a-token").get("/api/v1/licenses/1").then().statusCode(401);
        TestParties.Party customer = TestParties.customer();
        customer.as().body(Map.of("product_id", 1)).post("/api/v1/licenses").then().statusCode(403)
                .contentType(containsString("application/problem+json")).body("status", equalTo(403));
    }

    @Test
    void metricsStillNameTheUriTemplate() {
        TestParties.Party seller = TestParties.seller();
        long product = TestParties.product(seller, "SEGMENTED", Map.of());
        long id = (Long) TestParties.issue(seller, product, Map.of()).get("id");
        seller.as().get("/api/v1/licenses/" + id).then().statusCode(200);
        given().get("/api/v1/licenses/" + id).then().statusCode(401);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTemplated(metrics, "200");
        assertTemplated(metrics, "401");
    }

    /** The template as Quarkus REST names it ({@code {id: \\d+}}), not the request's own path. */
    private static void assertTemplated(String metrics, String status) {
        boolean found = metrics.lines().anyMatch(l -> l.startsWith("http_server_requests_seconds_count")
                && l.contains("uri=\"/api/v1/licenses/{id") && l.contains("status=\"" + status + "\""));
        assertEquals(true, found, "no templated request metric with status " + status + " in: "
                + metrics.lines().filter(l -> l.startsWith("http_server_requests_seconds_count") && l.contains("licenses"))
                        .toList());
    }
}
