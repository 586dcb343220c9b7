package org.licensing.license;

import static io.restassured.RestAssured.given;

import java.security.SecureRandom;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Registers fresh sellers and customers (random names, so tests run twice on one database) and signs in the admin. */
public final class TestParties {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    public record Party(long id, String username, String email, String password, String token, String refreshToken,
            String sellerName) {
        public RequestSpecification as() {
            return given().auth().oauth2(token).contentType(ContentType.JSON);
        }
    }

    private TestParties() {}

    public static String random(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(ALNUM.charAt(RANDOM.nextInt(ALNUM.length())));
        }
        return b.toString();
    }

    public static Party seller() {
        String name = "S" + random(10);
        return register("SELLER", name);
    }

    public static Party customer() {
        return register("CUSTOMER", null);
    }

    public static Party register(String role, String sellerName) {
        String username = "u" + random(12).toLowerCase();
        String password = "pw-" + random(12);
        Map<String, Object> body = sellerName == null
                ? Map.of("username", username, "email", username + "@example.test", "password", password, "role", role)
                : Map.of("username", username, "email", username + "@example.test", "password", password, "role", role,
                        "seller_name", sellerName);
        Response r = given().contentType(ContentType.JSON).body(body).post("/api/v1/auth/register");
        r.then().statusCode(201);
        return new Party(r.jsonPath().getLong("account.id"), username, username + "@example.test", password,
                r.jsonPath().getString("access_token"), r.jsonPath().getString("refresh_token"), sellerName);
    }

    public static Party admin() {
        Response r = given().contentType(ContentType.JSON)
                .body(Map.of("login", "admin", "password", "test-admin-password")).post("/api/v1/auth/sign-in");
        r.then().statusCode(200);
        return new Party(r.jsonPath().getLong("account.id"), "admin", "admin@licensing.local", "test-admin-password",
                r.jsonPath().getString("access_token"), r.jsonPath().getString("refresh_token"), null);
    }

    /** A product of the seller; returns its id. */
    public static long product(Party seller, String scheme, Map<String, Object> extra) {
        java.util.Map<String, Object> body = new java.util.HashMap<>(Map.of("code", "P" + random(8).replaceAll("[0-9]", "X"),
                "name", "Product " + random(4), "key_scheme", scheme));
        body.putAll(extra);
        return seller.as().body(body).post("/api/v1/products").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** Issues one license; returns {id, key}. */
    public static Map<String, Object> issue(Party seller, long productId, Map<String, Object> extra) {
        java.util.Map<String, Object> body = new java.util.HashMap<>(Map.of("product_id", productId));
        body.putAll(extra);
        Response r = seller.as().body(body).post("/api/v1/licenses");
        r.then().statusCode(201);
        return Map.of("id", r.jsonPath().getLong("license.id"), "key", r.jsonPath().getString("key"));
    }
}
