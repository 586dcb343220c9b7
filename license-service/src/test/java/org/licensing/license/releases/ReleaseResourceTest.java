package org.licensing.license.releases;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.licensing.license.validation.Fixtures;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class ReleaseResourceTest {

    static final String SHA = "a".repeat(64);

    static int publish(String token, long product, String version, String channel) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("product_id", product, "version", version, "channel", channel,
                        "download_url", "https://downloads.example.test/app-" + version + ".zip", "sha256", SHA,
                        "changelog", "Changes of " + version))
                .post("/api/v1/releases").then().extract().statusCode();
    }

    @Test
    void publishLatestAndDownloadFlow() {
        Fixtures.Scenario s = Fixtures.scenario("{}", "[]", "[]", 1, null);
        String seller = Fixtures.token(s.seller(), "SELLER");
        org.junit.jupiter.api.Assertions.assertEquals(201, publish(seller, s.product(), "1.2.0", "stable"));
        org.junit.jupiter.api.Assertions.assertEquals(201, publish(seller, s.product(), "1.10.0", "stable"));
        org.junit.jupiter.api.Assertions.assertEquals(201, publish(seller, s.product(), "2.0.0-beta.1", "dev"));
        org.junit.jupiter.api.Assertions.assertEquals(409, publish(seller, s.product(), "1.10.0", "stable"));
        // another seller cannot publish for this product
        String other = Fixtures.token(Fixtures.account("SELLER"), "SELLER");
        org.junit.jupiter.api.Assertions.assertEquals(404, publish(other, s.product(), "9.0.0", "stable"));
        // customers cannot publish at all
        org.junit.jupiter.api.Assertions.assertEquals(403, publish(Fixtures.token(s.owner(), "CUSTOMER"), s.product(), "9.0.1", "stable"));

        given().queryParam("product_id", s.product()).queryParam("current", "1.9.3").get("/api/v1/releases/latest").then()
                .statusCode(200).body("release.version", equalTo("1.10.0")).body("update_available", equalTo(true))
                .body("release.download_url", nullValue()).body("release.checksum_sha256", equalTo(SHA));
        given().queryParam("product_id", s.product()).queryParam("current", "1.10.0").get("/api/v1/releases/latest").then()
                .statusCode(200).body("update_available", equalTo(false));
        // the dev channel is key-gated by default (issue 15): a key of the product shows it
        given().queryParam("product_id", s.product()).queryParam("channel", "dev").get("/api/v1/releases/latest").then()
                .statusCode(403).body("code", equalTo("RELEASES_KEY_REQUIRED"));
        given().header("X-License-Key", s.key()).queryParam("product_id", s.product()).queryParam("channel", "dev")
                .get("/api/v1/releases/latest").then().statusCode(200).body("release.version", equalTo("2.0.0-beta.1"));
        given().auth().oauth2(seller).queryParam("product_id", s.product()).get("/api/v1/releases").then().statusCode(200)
                .body("size()", equalTo(2)).body("[0].version", equalTo("1.10.0"))
                .body("[0].download_url", equalTo("https://downloads.example.test/app-1.10.0.zip"));

        long id = ((Number) given().queryParam("product_id", s.product()).get("/api/v1/releases/latest").then()
                .extract().path("release.id")).longValue();
        given().redirects().follow(false).header("X-License-Key", s.key()).get("/api/v1/releases/" + id + "/download").then()
                .statusCode(302).header("Location", equalTo("https://downloads.example.test/app-1.10.0.zip"));
        given().redirects().follow(false).queryParam("key", s.key()).get("/api/v1/releases/" + id + "/download").then()
                .statusCode(302);
        // a key of another product, an unknown key, no key
        Fixtures.Scenario t = Fixtures.scenario("{}", "[]", "[]", 1, null);
        given().redirects().follow(false).header("X-License-Key", t.key()).get("/api/v1/releases/" + id + "/download").then()
                .statusCode(403).body("code", equalTo("LICENSE_INVALID")).body("validation_code", equalTo("PRODUCT_MISMATCH"));
        given().redirects().follow(false).header("X-License-Key", Fixtures.newKey()).get("/api/v1/releases/" + id + "/download")
                .then().statusCode(403).body("validation_code", equalTo("NOT_FOUND"));
        given().redirects().follow(false).get("/api/v1/releases/" + id + "/download").then().statusCode(400);
        // two successful downloads counted
        given().queryParam("product_id", s.product()).get("/api/v1/releases/latest").then().body("release.download_count", equalTo(2));
    }

    @Test
    void aProductDecidesWhetherItsReleasesArePublicOrKeyGated() {
        Fixtures.Scenario s = Fixtures.scenario("{}", "[]", "[]", 1, null);
        String seller = Fixtures.token(s.seller(), "SELLER");
        org.junit.jupiter.api.Assertions.assertEquals(201, publish(seller, s.product(), "1.0.0", "stable"));
        org.junit.jupiter.api.Assertions.assertEquals(201, publish(seller, s.product(), "1.1.0-rc.1", "dev"));
        String setting = "/api/v1/products/" + s.product() + "/release-visibility";
        given().auth().oauth2(seller).get(setting).then().statusCode(200).body("stable", equalTo("PUBLIC"))
                .body("dev", equalTo("KEY_GATED"));
        // defaults: stable public, dev gated (and a dev list without a key is refused, not silently emptied)
        given().queryParam("product_id", s.product()).get("/api/v1/releases").then().statusCode(200)
                .body("version", equalTo(java.util.List.of("1.0.0")));
        given().queryParam("product_id", s.product()).queryParam("channel", "dev").get("/api/v1/releases").then()
                .statusCode(403).body("code", equalTo("RELEASES_KEY_REQUIRED"));
        given().queryParam("key", s.key()).queryParam("product_id", s.product()).queryParam("channel", "dev")
                .get("/api/v1/releases").then().statusCode(200).body("version", equalTo(java.util.List.of("1.1.0-rc.1", "1.0.0")))
                .body("[0].changelog", equalTo("Changes of 1.1.0-rc.1")).body("[0].download_url", nullValue());
        // the product's seller sees everything without a key
        given().auth().oauth2(seller).queryParam("product_id", s.product()).queryParam("channel", "dev")
                .get("/api/v1/releases").then().statusCode(200).body("size()", equalTo(2));

        // the seller gates stable too: anonymous callers and keys of other products are refused
        given().auth().oauth2(seller).contentType(ContentType.JSON).body(Map.of("stable", "key_gated")).put(setting).then()
                .statusCode(200).body("stable", equalTo("KEY_GATED")).body("dev", equalTo("KEY_GATED"));
        given().queryParam("product_id", s.product()).get("/api/v1/releases").then().statusCode(403)
                .body("code", equalTo("RELEASES_KEY_REQUIRED"));
        given().queryParam("product_id", s.product()).get("/api/v1/releases/latest").then().statusCode(403);
        Fixtures.Scenario t = Fixtures.scenario("{}", "[]", "[]", 1, null);
        given().header("X-License-Key", t.key()).queryParam("product_id", s.product()).get("/api/v1/releases/latest").then()
                .statusCode(403).body("code", equalTo("RELEASES_KEY_REQUIRED"));
        given().header("X-License-Key", s.key()).queryParam("product_id", s.product()).get("/api/v1/releases/latest").then()
                .statusCode(200).body("release.version", equalTo("1.0.0"));
        // and opens dev: anyone sees it
        given().auth().oauth2(seller).contentType(ContentType.JSON).body(Map.of("stable", "PUBLIC", "dev", "PUBLIC")).put(setting)
                .then().statusCode(200);
        given().queryParam("product_id", s.product()).queryParam("channel", "dev").get("/api/v1/releases/latest").then()
                .statusCode(200).body("release.version", equalTo("1.1.0-rc.1"));

        // only the product's seller or an admin decides; values are checked
        given().auth().oauth2(seller).contentType(ContentType.JSON).body(Map.of("dev", "SECRET")).put(setting).then()
                .statusCode(400).body("errors[0].field", equalTo("dev"));
        given().auth().oauth2(Fixtures.token(Fixtures.account("SELLER"), "SELLER")).contentType(ContentType.JSON)
                .body(Map.of("dev", "PUBLIC")).put(setting).then().statusCode(404);
        given().auth().oauth2(Fixtures.token(s.owner(), "CUSTOMER")).get(setting).then().statusCode(403);
        given().get(setting).then().statusCode(401);
    }

    @Test
    void badInputIsNamed() {
        Fixtures.Scenario s = Fixtures.scenario("{}", "[]", "[]", 1, null);
        String seller = Fixtures.token(s.seller(), "SELLER");
        given().auth().oauth2(seller).contentType(ContentType.JSON)
                .body(Map.of("product_id", s.product(), "version", "1.2", "download_url", "https://x.test/a"))
                .post("/api/v1/releases").then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"))
                .body("detail", org.hamcrest.Matchers.startsWith("version"));
        given().auth().oauth2(seller).contentType(ContentType.JSON)
                .body(Map.of("product_id", s.product(), "version", "1.2.0", "download_url", "ftp://x.test/a"))
                .post("/api/v1/releases").then().statusCode(400).body("detail", org.hamcrest.Matchers.startsWith("download_url"));
        given().auth().oauth2(seller).contentType(ContentType.JSON)
                .body(Map.of("product_id", s.product(), "version", "1.2.0", "download_url", "https://x.test/a", "channel", "beta"))
                .post("/api/v1/releases").then().statusCode(400).body("detail", org.hamcrest.Matchers.startsWith("channel"));
        given().queryParam("product_id", s.product()).get("/api/v1/releases/latest").then().statusCode(404)
                .body("code", equalTo("RELEASE_NOT_FOUND"));
        given().get("/api/v1/releases/latest").then().statusCode(400);
    }
}
