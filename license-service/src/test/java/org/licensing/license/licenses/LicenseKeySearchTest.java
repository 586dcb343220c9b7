package org.licensing.license.licenses;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.licensing.license.TestParties;
import org.licensing.license.TestParties.Party;

import io.quarkus.test.junit.QuarkusTest;

/** GET /api/v1/licenses?key=: a whole key by its hash, or a fragment of the readable last characters. */
@QuarkusTest
class LicenseKeySearchTest {

    @Test
    void wholeKeyFindsExactlyThatLicenseOfTheSellerOnly() {
        Party seller = TestParties.seller();
        long product = TestParties.product(seller, "SEGMENTED", Map.of());
        Map<String, Object> a = TestParties.issue(seller, product, Map.of());
        TestParties.issue(seller, product, Map.of());
        String key = (String) a.get("key");
        long id = (Long) a.get("id");

        // lower case and surrounding blanks: segmented keys are case-insensitive, as at redeem
        seller.as().queryParam("key", "  " + key.toLowerCase() + " ").get("/api/v1/licenses").then().statusCode(200)
                .body("total", equalTo(1)).body("items.id", contains((int) id));
        // another seller never finds it, even with the whole key
        TestParties.seller().as().queryParam("key", key).get("/api/v1/licenses").then().statusCode(200)
                .body("total", equalTo(0));
        // an admin finds it among all licenses
        TestParties.admin().as().queryParam("key", key).get("/api/v1/licenses").then().statusCode(200)
                .body("total", equalTo(1)).body("items.id", contains((int) id));
    }

    @Test
    void endFragmentMatchesTheHintCombinedWithTheOtherFilters() {
        Party seller = TestParties.seller();
        long product = TestParties.product(seller, "SEGMENTED", Map.of());
        long other = TestParties.product(seller, "SEGMENTED", Map.of());
        Map<String, Object> a = TestParties.issue(seller, product, Map.of());
        Map<String, Object> b = TestParties.issue(seller, other, Map.of());
        String key = (String) a.get("key");
        String lastThree = key.substring(key.length() - 3).toLowerCase();

        seller.as().queryParam("key", lastThree).get("/api/v1/licenses").then().statusCode(200)
                .body("items.id", hasItem(((Long) a.get("id")).intValue()))
                .body("items.key_hint", everyItem(containsString(lastThree.toUpperCase())));
        seller.as().queryParam("key", key.substring(key.length() - 5)).queryParam("product_id", other)
                .get("/api/v1/licenses").then().statusCode(200)
                .body("items.id", not(hasItem(((Long) a.get("id")).intValue())));
        String otherKey = (String) b.get("key");
        seller.as().queryParam("key", otherKey.substring(otherKey.length() - 5)).queryParam("product_id", other)
                .queryParam("size", 1).get("/api/v1/licenses").then().statusCode(200)
                .body("total", equalTo(1)).body("size", equalTo(1)).body("items.id", contains(((Long) b.get("id")).intValue()));
    }

    @Test
    void aMiddlePieceOrABrokenKeyIsA400NamingTheField() {
        Party seller = TestParties.seller();
        long product = TestParties.product(seller, "SEGMENTED", Map.of());
        String key = (String) TestParties.issue(seller, product, Map.of()).get("key");
        // more than the readable end but too short to be any whole key: say so instead of "no such license"
        seller.as().queryParam("key", key.substring(key.length() - 7)).get("/api/v1/licenses").then().statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED")).body("errors[0].field", equalTo("key"));
        // a longer piece has the shape of an opaque key, so it is looked up as a whole key: no match
        seller.as().queryParam("key", key.substring(0, key.length() - 6)).get("/api/v1/licenses").then().statusCode(200)
                .body("total", equalTo(0));
        seller.as().queryParam("key", "a").get("/api/v1/licenses").then().statusCode(400)
                .body("errors[0].field", equalTo("key"));
        seller.as().queryParam("key", "x".repeat(300)).get("/api/v1/licenses").then().statusCode(400)
                .body("errors[0].field", equalTo("key"));
    }
}
