package org.licensing.license.licenses;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.licensing.common.auth.Roles;
import org.licensing.license.validation.Fixtures;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;

/** The license export: a seller's thousands of licenses streamed in id order, filtered, never the key, never others'. */
@QuarkusTest
class LicenseExportTest {

    static final int LICENSES = 4_000;
    static long seller, otherSeller, customer, product;

    @BeforeAll
    static void licenses() {
        seller = Fixtures.account("SELLER");
        otherSeller = Fixtures.account("SELLER");
        customer = Fixtures.account("CUSTOMER");
        product = Fixtures.product(seller, "EXP");
        Fixtures.execute("INSERT INTO license.licenses (key_hash, key_encrypted, key_scheme, key_hint, product_id, seller_id, "
                + "owner_account_id, status) SELECT md5(random()::text || g) || md5(g::text || random()::text), 'enc', 'OPAQUE', "
                + "'h' || g, ?, ?, CASE WHEN g <= 3 THEN ? END, CASE WHEN g <= 3 THEN 'ACTIVE' ELSE 'UNUSED' END "
                + "FROM generate_series(1, ?) g", product, seller, customer, LICENSES);
        Fixtures.license(Fixtures.newKey(), Fixtures.product(otherSeller, "OTH"), otherSeller, null, "UNUSED", null, "{}", "[]", "[]", 1);
    }

    @Test
    void theSellerExportsAllItsLicensesWithoutKeys() {
        Response r = given().auth().oauth2(Fixtures.token(seller, Roles.SELLER)).queryParam("format", "csv").get("/api/v1/licenses/export");
        r.then().statusCode(200).contentType(startsWith("text/csv")).header("Content-Disposition", containsString("licenses.csv"));
        List<String> lines = List.of(r.asString().split("\r\n"));
        assertEquals(String.join(",", LicenseExportResource.COLUMNS), lines.get(0));
        assertEquals(LICENSES + 1, lines.size());
        assertEquals(true, lines.get(1).contains(",EXP,h1,ACTIVE,BASE,"), lines.get(1));
        assertEquals(true, lines.get(LICENSES).contains(",EXP,h" + LICENSES + ",UNUSED,"), lines.get(LICENSES));
        assertFalse(r.asString().contains("enc"), "no key material");
    }

    @Test
    void filtersJsonLinesAndAccess() {
        Response active = given().auth().oauth2(Fixtures.token(seller, Roles.SELLER)).accept("application/jsonl")
                .queryParam("status", "active").get("/api/v1/licenses/export");
        active.then().statusCode(200).contentType(startsWith("application/jsonl"));
        List<String> lines = List.of(active.asString().split("\n"));
        assertEquals(3, lines.size());
        assertEquals(customer, new JsonObject(lines.get(0)).getLong("owner_account_id"));
        Response mine = given().auth().oauth2(Fixtures.token(customer, Roles.CUSTOMER)).queryParam("format", "jsonl").get("/api/v1/licenses/export");
        assertEquals(3, mine.asString().split("\n").length);
        Response other = given().auth().oauth2(Fixtures.token(otherSeller, Roles.SELLER)).queryParam("product_id", product)
                .get("/api/v1/licenses/export");
        assertEquals(List.of(String.join(",", LicenseExportResource.COLUMNS)), List.of(other.asString().split("\r\n")));
        given().auth().oauth2(Fixtures.token(seller, Roles.SELLER)).queryParam("status", "LOST").get("/api/v1/licenses/export")
                .then().statusCode(400).body("errors[0].field", equalTo("status"));
        given().get("/api/v1/licenses/export").then().statusCode(401);
    }
}
