package org.licensing.license.products;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.licensing.license.TestParties;
import org.licensing.license.TestParties.Party;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ProductTest {

    @Test
    void sellersCreateListAndUpdateTheirOwnProducts() {
        Party seller = TestParties.seller();
        long id = seller.as().body(Map.of("code", "script", "name", "Script pack", "key_scheme", "CHECKSUMMED",
                "default_term", "ANNUAL", "default_max_devices", 2, "default_max_sessions", 1,
                "default_usage_limits", Map.of("api_calls_per_hour", 100))).post("/api/v1/products").then().statusCode(201)
                .body("code", equalTo("SCRIPT")).body("seller_id", equalTo((int) seller.id()))
                .body("default_usage_limits.api_calls_per_hour", equalTo(100)).extract().jsonPath().getLong("id");
        seller.as().body(Map.of("code", "SCRIPT", "name", "Again")).post("/api/v1/products").then().statusCode(409)
                .body("code", equalTo("PRODUCT_CODE_TAKEN"));
        seller.as().body(Map.of("name", "Script pack 2", "default_max_devices", 5)).patch("/api/v1/products/" + id).then()
                .statusCode(200).body("name", equalTo("Script pack 2")).body("default_max_devices", equalTo(5))
                .body("default_term", equalTo("ANNUAL"));
        seller.as().body(Map.of("code", "OTHER")).patch("/api/v1/products/" + id).then().statusCode(400);
        seller.as().get("/api/v1/products").then().statusCode(200).body("id", hasItem((int) id));
        // Validation names the field.
        seller.as().body(Map.of("code", "A1", "name", "x")).post("/api/v1/products").then().statusCode(400)
                .body("errors[0].field", equalTo("code"));
        seller.as().body(Map.of("code", "API", "name", "x", "key_scheme", "FANCY")).post("/api/v1/products").then().statusCode(400)
                .body("errors[0].field", equalTo("key_scheme"));
        seller.as().body(Map.of("code", "API", "name", "x", "default_max_devices", -1)).post("/api/v1/products").then()
                .statusCode(400).body("errors[0].field", equalTo("default_max_devices"));
        // Another seller: 404; a customer: 403; an admin sees it.
        Party other = TestParties.seller();
        other.as().get("/api/v1/products/" + id).then().statusCode(404).body("code", equalTo("PRODUCT_NOT_FOUND"));
        other.as().body(Map.of("name", "mine")).patch("/api/v1/products/" + id).then().statusCode(404);
        other.as().get("/api/v1/products").then().body("id", not(hasItem((int) id)));
        TestParties.customer().as().get("/api/v1/products").then().statusCode(403);
        TestParties.customer().as().body(Map.of("code", "API", "name", "x")).post("/api/v1/products").then().statusCode(403);
        TestParties.admin().as().get("/api/v1/products/" + id).then().statusCode(200);
    }
}
