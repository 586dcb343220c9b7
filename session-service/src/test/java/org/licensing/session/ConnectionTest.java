package org.licensing.session;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.licensing.session.support.Clients;
import org.licensing.session.support.Fixtures;
import org.licensing.session.support.ForeignSchemas;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(ForeignSchemas.class)
class ConnectionTest {

    @Test
    void aConnectionAccountsForBytesAndDuration() throws Exception {
        Fixtures.License license = Fixtures.license(null);
        Fixtures.Device local = Fixtures.device(license);
        Fixtures.Device remote = Fixtures.device(license);
        String client = Clients.session(license, local);

        String id = given().auth().oauth2(client).contentType(ContentType.JSON)
                .body(Map.of("remote_device_id", remote.id(), "connection_type", "p2p"))
                .post("/api/v1/connections").then().statusCode(201)
                .body("local_device_id", equalTo((int) local.id())).body("remote_device_id", equalTo((int) remote.id()))
                .body("connection_type", equalTo("p2p")).body("bytes_transferred", equalTo(0))
                .extract().path("session_id");
        given().auth().oauth2(client).contentType(ContentType.JSON).body(Map.of("bytes", 1000))
                .post("/api/v1/connections/" + id + "/traffic").then().statusCode(200).body("bytes_transferred", equalTo(1000));
        given().auth().oauth2(client).contentType(ContentType.JSON).body(Map.of("bytes", 24))
                .post("/api/v1/connections/" + id + "/traffic").then().statusCode(200).body("bytes_transferred", equalTo(1024));
        given().auth().oauth2(client).contentType(ContentType.JSON).body(Map.of("bytes", -1))
                .post("/api/v1/connections/" + id + "/traffic").then().statusCode(400);
        Thread.sleep(1_100);
        given().auth().oauth2(client).contentType(ContentType.JSON).body(Map.of("bytes", 976))
                .post("/api/v1/connections/" + id + "/end").then().statusCode(200)
                .body("bytes_transferred", equalTo(2000)).body("ended_at", notNullValue())
                .body("duration_seconds", greaterThanOrEqualTo(1));
        given().auth().oauth2(client).contentType(ContentType.JSON).body(Map.of("bytes", 1))
                .post("/api/v1/connections/" + id + "/traffic").then().statusCode(409).body("code", equalTo("CONNECTION_ENDED"));
        given().auth().oauth2(client).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/connections/" + id + "/end").then().statusCode(409);

        String owner = Fixtures.token(license.ownerId(), "CUSTOMER");
        given().auth().oauth2(owner).get("/api/v1/connections?device_id=" + remote.id()).then().statusCode(200)
                .body("$", hasSize(1)).body("[0].session_id", equalTo(id)).body("[0].bytes_transferred", equalTo(2000));
        given().auth().oauth2(owner).get("/api/v1/connections/" + id).then().statusCode(200).body("session_id", equalTo(id));
        assertEquals(1, Fixtures.query("SELECT 1 FROM session.outbox WHERE event_type = 'connection.ended' AND payload LIKE ?",
                "%" + id + "%").size());
        assertEquals(1, Fixtures.query("SELECT 1 FROM session.outbox WHERE event_type = 'connection.started' AND payload LIKE ?",
                "%" + id + "%").size());
    }

    @Test
    void bothDevicesMustBelongToLicensesTheCallerMayUse() {
        Fixtures.License mine = Fixtures.license(null);
        Fixtures.License theirs = Fixtures.license(null);
        Fixtures.Device local = Fixtures.device(mine);
        Fixtures.Device foreign = Fixtures.device(theirs);
        String owner = Fixtures.token(mine.ownerId(), "CUSTOMER");
        given().auth().oauth2(owner).contentType(ContentType.JSON)
                .body(Map.of("local_device_id", local.id(), "remote_device_id", foreign.id(), "connection_type", "relay"))
                .post("/api/v1/connections").then().statusCode(404).body("code", equalTo("DEVICE_NOT_FOUND"));
        given().auth().oauth2(owner).contentType(ContentType.JSON)
                .body(Map.of("local_device_id", local.id(), "remote_device_id", local.id(), "connection_type", "relay"))
                .post("/api/v1/connections").then().statusCode(400);
        given().auth().oauth2(owner).contentType(ContentType.JSON)
                .body(Map.of("local_device_id", local.id(), "remote_device_id", Fixtures.device(mine, true, true).id(),
                        "connection_type", "relay"))
                .post("/api/v1/connections").then().statusCode(403).body("code", equalTo("DEVICE_BLOCKED"));
        given().auth().oauth2(owner).contentType(ContentType.JSON)
                .body(Map.of("local_device_id", local.id(), "connection_type", "relay"))
                .post("/api/v1/connections").then().statusCode(400);
        // a client session connects from its own device only
        String client = Clients.session(mine, local);
        given().auth().oauth2(client).contentType(ContentType.JSON)
                .body(Map.of("local_device_id", Fixtures.device(mine).id(), "remote_device_id", local.id(), "connection_type", "relay"))
                .post("/api/v1/connections").then().statusCode(400);
        // an admin may connect any two devices
        given().auth().oauth2(Fixtures.token(1, "ADMIN")).contentType(ContentType.JSON)
                .body(Map.of("local_device_id", local.id(), "remote_device_id", foreign.id(), "connection_type", "relay"))
                .post("/api/v1/connections").then().statusCode(201);
        given().auth().oauth2(owner).get("/api/v1/connections?device_id=" + foreign.id()).then().statusCode(404);
        given().auth().oauth2(owner).get("/api/v1/connections/" + java.util.UUID.randomUUID()).then().statusCode(404);
    }
}
