package org.licensing.license.webhooks;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.inject.Inject;

import org.licensing.license.Maildir;
import org.junit.jupiter.api.Test;
import org.licensing.license.validation.Fixtures;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonObject;

@QuarkusTest
class WebhookDeliveryTest {


    record Received(String signature, String event, String body) {}

    /** A receiver that fails its first request with 500 and accepts the rest. */
    static HttpServer receiver(List<Received> got) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                got.add(new Received(exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER),
                        exchange.getRequestHeaders().getFirst("X-Licensing-Event"), body));
                int status = got.size() == 1 ? 500 : 204;
                exchange.sendResponseHeaders(status, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
        return server;
    }

    @Test
    void signedDeliveryIsRetriedAfterAFailureAndRecorded() throws Exception {
        List<Received> got = new CopyOnWriteArrayList<>();
        HttpServer server = receiver(got);
        try {
            Fixtures.Scenario s = Fixtures.scenario("{\"api_calls_per_day\": 1}", "[]", "[]", 1, null);
            String seller = Fixtures.token(s.seller(), "SELLER");
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
            var created = given().auth().oauth2(seller).contentType(ContentType.JSON)
                    .body(Map.of("url", url, "events", List.of("license.usage_exceeded")))
                    .post("/api/v1/webhooks").then().statusCode(201)
                    .body("events", equalTo(List.of("license.usage_exceeded"))).extract();
            String secret = created.path("secret");
            long endpoint = ((Number) created.path("id")).longValue();
            assertTrue(secret.startsWith("whsec_"));

            // reaching 100 % of the limit emits license.usage_exceeded; the request itself is not held up
            given().contentType(ContentType.JSON).body(Map.of("key", s.key(), "metric", "api_calls"))
                    .post("/api/v1/licenses/usage").then().statusCode(200);

            Fixtures.eventually(Duration.ofSeconds(40), () -> got.size() >= 2);
            Received first = got.get(0);
            Received second = got.get(1);
            assertEquals(first.body(), second.body()); // the same event, retried
            assertEquals("license.usage_exceeded", second.event());
            assertTrue(WebhookSignature.verify(second.signature(), secret, second.body(), Instant.now().getEpochSecond(), 300));
            JsonObject event = new JsonObject(second.body());
            assertEquals("license.usage_exceeded", event.getString("type"));
            assertEquals(s.license(), event.getLong("license_id"));

            Fixtures.eventually(Duration.ofSeconds(10), () -> "DELIVERED".equals(given().auth().oauth2(seller)
                    .get("/api/v1/webhooks/" + endpoint + "/deliveries").then().extract().path("[0].status")));
            given().auth().oauth2(seller).get("/api/v1/webhooks/" + endpoint + "/deliveries").then().statusCode(200)
                    .body("size()", equalTo(1)).body("[0].attempts", equalTo(2)).body("[0].last_status_code", equalTo(204));
            // the owner is told by e-mail too
            String ownerEmail = Fixtures.emailOf(s.owner());
            Fixtures.eventually(Duration.ofSeconds(10), () -> !Maildir.to(ownerEmail).isEmpty());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void endpointsBelongToTheirSeller() {
        long sellerId = Fixtures.account("SELLER");
        String seller = Fixtures.token(sellerId, "SELLER");
        long id = ((Number) given().auth().oauth2(seller).contentType(ContentType.JSON)
                .body(Map.of("url", "https://hooks.example.test/x")).post("/api/v1/webhooks").then().statusCode(201)
                .body("events", equalTo(List.of("*"))).extract().path("id")).longValue();
        given().auth().oauth2(seller).get("/api/v1/webhooks").then().statusCode(200).body("size()", equalTo(1))
                .body("[0].secret", org.hamcrest.Matchers.nullValue());
        String other = Fixtures.token(Fixtures.account("SELLER"), "SELLER");
        given().auth().oauth2(other).get("/api/v1/webhooks/" + id + "/deliveries").then().statusCode(404);
        given().auth().oauth2(other).delete("/api/v1/webhooks/" + id).then().statusCode(404);
        given().auth().oauth2(Fixtures.token(Fixtures.account("CUSTOMER"), "CUSTOMER")).get("/api/v1/webhooks").then()
                .statusCode(403);
        given().auth().oauth2(seller).contentType(ContentType.JSON).body(Map.of("url", "not a url"))
                .post("/api/v1/webhooks").then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
        given().auth().oauth2(seller).contentType(ContentType.JSON)
                .body(Map.of("url", "https://hooks.example.test/x", "events", List.of("DROP TABLE")))
                .post("/api/v1/webhooks").then().statusCode(400);
        given().auth().oauth2(seller).delete("/api/v1/webhooks/" + id).then().statusCode(204);
        given().auth().oauth2(seller).get("/api/v1/webhooks").then().body("size()", equalTo(0));
    }
}
