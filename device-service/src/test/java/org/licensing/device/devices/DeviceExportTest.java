package org.licensing.device.devices;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.licensing.common.auth.Roles;
import org.licensing.device.Fixtures;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;

/** The device export: every device of the seller's license, streamed, and nobody else's. */
@QuarkusTest
class DeviceExportTest {

    static final int DEVICES = 5_000;
    static Fixtures.License license, other;

    @BeforeAll
    static void devices() throws Exception {
        license = Fixtures.license(0);
        other = Fixtures.license(0);
        try (Connection c = Fixtures.db(); PreparedStatement ps = c.prepareStatement("INSERT INTO device.devices (license_id, account_id, "
                + "device_id, name, bound, blocked, blocked_reason) SELECT ?, ?, 'pc-' || g, 'PC, no. ' || g, g % 2 = 0, g % 10 = 0, "
                + "CASE WHEN g % 10 = 0 THEN 'stolen' END FROM generate_series(1, ?) g")) {
            ps.setLong(1, license.id());
            ps.setLong(2, license.tenant().customerId());
            ps.setInt(3, DEVICES);
            ps.executeUpdate();
        }
        try (Connection c = Fixtures.db(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO device.devices (license_id, device_id) VALUES (?, 'theirs')")) {
            ps.setLong(1, other.id());
            ps.executeUpdate();
        }
    }

    @Test
    void theSellerGetsEveryDeviceOfItsLicenseAsCsv() {
        Response r = given().auth().oauth2(Fixtures.token(license.tenant().sellerId(), Roles.SELLER))
                .queryParam("license_id", license.id()).get("/api/v1/devices/export");
        r.then().statusCode(200).contentType(startsWith("text/csv")).header("Content-Disposition", containsString("devices.csv"));
        List<String> lines = List.of(r.asString().split("\r\n"));
        assertEquals(String.join(",", DeviceExportResource.COLUMNS), lines.get(0));
        assertEquals(DEVICES + 1, lines.size());
        String[] first = lines.get(1).split(",", 3);
        assertEquals(Long.toString(license.id()), first[1]);
        assertEquals("pc-1", first[2].substring(0, 4));
        assertEquals(true, lines.get(1).contains(",\"PC, no. 1\",,UNBOUND,false,false,,"));
        assertEquals(true, lines.get(10).contains(",BLOCKED,true,true,stolen,"));
    }

    @Test
    void jsonLinesForTheCustomerAndNothingOfOthers() {
        Response r = given().auth().oauth2(Fixtures.token(license.tenant().customerId(), Roles.CUSTOMER))
                .accept("application/jsonl").get("/api/v1/devices/export");
        r.then().statusCode(200).contentType(startsWith("application/jsonl"));
        List<String> lines = List.of(r.asString().split("\n"));
        assertEquals(DEVICES, lines.size());
        JsonObject last = new JsonObject(lines.get(DEVICES - 1));
        assertEquals("pc-" + DEVICES, last.getString("device_id"));
        assertEquals("BLOCKED", last.getString("state"));
        Response seller = given().auth().oauth2(Fixtures.token(other.tenant().sellerId(), Roles.SELLER))
                .queryParam("license_id", license.id()).queryParam("format", "csv").get("/api/v1/devices/export");
        assertEquals(List.of(String.join(",", DeviceExportResource.COLUMNS)), List.of(seller.asString().split("\r\n")));
        given().auth().oauth2(Fixtures.token(other.tenant().sellerId(), Roles.SELLER)).queryParam("from", "soon")
                .get("/api/v1/devices/export").then().statusCode(400).body("errors[0].field", equalTo("from"));
    }
}
