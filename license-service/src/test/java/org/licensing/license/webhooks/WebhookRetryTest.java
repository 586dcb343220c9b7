package org.licensing.license.webhooks;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.licensing.license.validation.Fixtures;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** A seller retries a FAILED delivery of its own endpoint by hand; the dispatcher sends it again. */
@QuarkusTest
class WebhookRetryTest {

    private static long failedDelivery(long endpoint) throws Exception {
        try (Connection c = Fixtures.connect(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO license.webhook_deliveries (endpoint_id, event_id, event_type, payload, status, attempts,"
                        + " last_status_code, last_error) VALUES (?, ?, 'license.suspended', '{\"type\":\"license.suspended\"}',"
                        + " 'FAILED', 8, 500, 'HTTP 500') RETURNING id")) {
            ps.setLong(1, endpoint);
            ps.setString(2, UUID.randomUUID().toString());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void aFailedDeliveryIsSentAgainOnlyByItsSeller() throws Exception {
        AtomicInteger received = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            received.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        try {
            String seller = Fixtures.token(Fixtures.account("SELLER"), "SELLER");
            long endpoint = ((Number) given().auth().oauth2(seller).contentType(ContentType.JSON)
                    .body(Map.of("url", "http://127.0.0.1:" + server.getAddress().getPort() + "/hook",
                            "events", List.of("license.suspended")))
                    .post("/api/v1/webhooks").then().statusCode(201).extract().path("id")).longValue();
            long delivery = failedDelivery(endpoint);
            String path = "/api/v1/webhooks/" + endpoint + "/deliveries/" + delivery + "/retry";

            // another seller sees no such endpoint
            given().auth().oauth2(Fixtures.token(Fixtures.account("SELLER"), "SELLER")).post(path).then().statusCode(404)
                    .body("code", equalTo("WEBHOOK_NOT_FOUND"));
            given().auth().oauth2(seller).post(path).then().statusCode(200).body("status", equalTo("PENDING"))
                    .body("attempts", equalTo(8));
            Fixtures.eventually(Duration.ofSeconds(30), () -> "DELIVERED".equals(given().auth().oauth2(seller)
                    .get("/api/v1/webhooks/" + endpoint + "/deliveries").then().extract().path("[0].status")));
            assertEquals(1, received.get());
            given().auth().oauth2(seller).get("/api/v1/webhooks/" + endpoint + "/deliveries").then()
                    .body("[0].attempts", equalTo(9)).body("[0].last_status_code", equalTo(204));
            // a delivered one is not retried, an unknown one is not found
            given().auth().oauth2(seller).post(path).then().statusCode(409).body("code", equalTo("DELIVERY_NOT_FAILED"));
            given().auth().oauth2(seller).post("/api/v1/webhooks/" + endpoint + "/deliveries/" + (delivery + 100000) + "/retry")
                    .then().statusCode(404).body("code", equalTo("DELIVERY_NOT_FOUND"));
        } finally {
            server.stop(0);
        }
    }
}
