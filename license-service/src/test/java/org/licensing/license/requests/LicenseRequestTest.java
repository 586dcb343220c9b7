package org.licensing.license.requests;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.licensing.license.TestParties;
import org.licensing.license.TestParties.Party;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class LicenseRequestTest {

    @Test
    void extensionRequestApprovedBySeller() {
        Party seller = TestParties.seller();
        long product = TestParties.product(seller, "SEGMENTED", Map.of("default_term", "MONTHLY"));
        var l = TestParties.issue(seller, product, Map.of());
        Party customer = TestParties.customer();
        customer.as().body(Map.of("key", l.get("key"))).post("/api/v1/licenses/redeem").then().statusCode(200);
        Instant before = Instant.parse(customer.as().get("/api/v1/licenses/" + l.get("id")).then().extract().path("expires_at"));
        long rid = customer.as().body(Map.of("license_id", l.get("id"), "kind", "EXTENSION", "days", 15, "message", "please"))
                .post("/api/v1/licenses/requests").then().statusCode(201).body("status", equalTo("PENDING")).extract().jsonPath().getLong("id");
        customer.as().body(Map.of("license_id", l.get("id"), "kind", "EXTENSION", "days", 5)).post("/api/v1/licenses/requests")
                .then().statusCode(409).body("code", equalTo("REQUEST_ALREADY_PENDING"));
        // Another seller neither sees nor decides it; the customer cannot approve its own request.
        Party other = TestParties.seller();
        other.as().post("/api/v1/licenses/requests/" + rid + "/approve").then().statusCode(404);
        customer.as().post("/api/v1/licenses/requests/" + rid + "/approve").then().statusCode(403);
        seller.as().get("/api/v1/licenses/requests?status=PENDING").then().statusCode(200).body("id", hasItem((int) rid));
        seller.as().body(Map.of("note", "ok")).post("/api/v1/licenses/requests/" + rid + "/approve").then().statusCode(200)
                .body("status", equalTo("APPROVED"));
        seller.as().post("/api/v1/licenses/requests/" + rid + "/approve").then().statusCode(409)
                .body("code", equalTo("REQUEST_ALREADY_DECIDED"));
        Instant after = Instant.parse(customer.as().get("/api/v1/licenses/" + l.get("id")).then().extract().path("expires_at"));
        assertEquals(Duration.ofDays(15), Duration.between(before, after));
    }

    @Test
    void transferRequestApprovedOrRefused() {
        Party seller = TestParties.seller();
        long product = TestParties.product(seller, "SEGMENTED", Map.of());
        var l = TestParties.issue(seller, product, Map.of());
        Party from = TestParties.customer();
        Party to = TestParties.customer();
        from.as().body(Map.of("key", l.get("key"))).post("/api/v1/licenses/redeem").then().statusCode(200);
        // Someone else cannot ask for a license they do not own.
        to.as().body(Map.of("license_id", l.get("id"), "kind", "TRANSFER", "to", to.username())).post("/api/v1/licenses/requests")
                .then().statusCode(404);
        from.as().body(Map.of("license_id", l.get("id"), "kind", "TRANSFER", "to", seller.username())).post("/api/v1/licenses/requests")
                .then().statusCode(400);
        long refused = from.as().body(Map.of("license_id", l.get("id"), "kind", "TRANSFER", "to", to.email()))
                .post("/api/v1/licenses/requests").then().statusCode(201).extract().jsonPath().getLong("id");
        seller.as().body(Map.of("note", "no")).post("/api/v1/licenses/requests/" + refused + "/refuse").then().statusCode(200)
                .body("status", equalTo("REFUSED"));
        from.as().get("/api/v1/licenses/" + l.get("id")).then().statusCode(200);
        long approved = from.as().body(Map.of("license_id", l.get("id"), "kind", "TRANSFER", "to", to.username()))
                .post("/api/v1/licenses/requests").then().statusCode(201).extract().jsonPath().getLong("id");
        seller.as().post("/api/v1/licenses/requests/" + approved + "/approve").then().statusCode(200);
        to.as().get("/api/v1/licenses/" + l.get("id")).then().statusCode(200).body("owner_account_id", equalTo((int) to.id()));
        from.as().get("/api/v1/licenses/" + l.get("id")).then().statusCode(404);
        to.as().get("/api/v1/licenses/" + l.get("id") + "/key").then().statusCode(200).body("key", equalTo(l.get("key")));
    }
}
