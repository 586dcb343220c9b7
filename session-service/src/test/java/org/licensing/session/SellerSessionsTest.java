package org.licensing.session;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.licensing.session.support.Clients;
import org.licensing.session.support.Fixtures;
import org.licensing.session.support.ForeignSchemas;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** What a seller sees and does across its licenses: devices online now, ending a client's session. */
@QuarkusTest
@QuarkusTestResource(ForeignSchemas.class)
class SellerSessionsTest {

    @Test
    void onlineDevicesAddUpOverAllTheSellersLicensesAndOnlyThem() {
        Fixtures.License first = Fixtures.license(null);
        Fixtures.License second = Fixtures.license(null);
        // the second license is sold by the same seller
        Fixtures.query("UPDATE license.licenses SET seller_id = ? WHERE id = ? RETURNING id", first.sellerId(), second.id());
        Fixtures.License foreign = Fixtures.license(null);
        String a = Clients.session(first, Fixtures.device(first));
        Clients.session(first, Fixtures.device(first));
        Clients.session(second, Fixtures.device(second));
        Clients.session(foreign, Fixtures.device(foreign));
        String seller = Fixtures.token(first.sellerId(), "SELLER");

        given().auth().oauth2(seller).get("/api/v1/online/sellers/" + first.sellerId()).then().statusCode(200)
                .body("seller_id", equalTo((int) first.sellerId())).body("online_devices", equalTo(3))
                .body("licenses_online", equalTo(2));
        given().auth().oauth2(Fixtures.token(1, "ADMIN")).get("/api/v1/online/sellers/" + foreign.sellerId()).then()
                .statusCode(200).body("online_devices", equalTo(1));
        Clients.signOut(a).then().statusCode(200);
        given().auth().oauth2(seller).get("/api/v1/online/sellers/" + first.sellerId()).then().statusCode(200)
                .body("online_devices", equalTo(2));
        // another seller's figures are not yours, nor a customer's
        given().auth().oauth2(seller).get("/api/v1/online/sellers/" + foreign.sellerId()).then().statusCode(403)
                .body("code", equalTo("FORBIDDEN"));
        given().auth().oauth2(Fixtures.token(first.ownerId(), "CUSTOMER")).get("/api/v1/online/sellers/" + first.sellerId())
                .then().statusCode(403);
    }

    @Test
    void theSellerEndsASessionTheSeatIsFreeAndItsHeartbeatAnswersEnded() {
        Fixtures.License license = Fixtures.license(1);
        Fixtures.Device device = Fixtures.device(license);
        Response started = Clients.start(license, device);
        String token = started.path("token");
        String sid = started.path("session_id");
        Clients.beat(token).then().body("status", equalTo("ok"));
        Clients.start(license, Fixtures.device(license)).then().statusCode(409); // the one floating seat is taken

        // neither a stranger seller nor the customer may end it; a stranger sees no such session
        given().auth().oauth2(Fixtures.token(Fixtures.account("SELLER"), "SELLER")).delete("/api/v1/sessions/" + sid).then()
                .statusCode(404).body("code", equalTo("SESSION_NOT_FOUND"));
        given().auth().oauth2(Fixtures.token(license.ownerId(), "CUSTOMER")).delete("/api/v1/sessions/" + sid).then()
                .statusCode(403);
        Clients.beat(token).then().body("status", equalTo("ok"));

        String seller = Fixtures.token(license.sellerId(), "SELLER");
        given().auth().oauth2(seller).delete("/api/v1/sessions/" + sid).then().statusCode(200)
                .body("session_id", equalTo(sid)).body("end_reason", equalTo("ended_by_seller"));
        List<List<Object>> rows = Fixtures.query("SELECT end_reason, ended_at IS NOT NULL FROM session.client_sessions"
                + " WHERE id = ?::uuid", sid);
        assertEquals("ended_by_seller", rows.get(0).get(0));
        assertEquals(true, rows.get(0).get(1));
        // the client's next heartbeat answers as after a sign-out, and the seat is free for another device
        Clients.beat(token).then().statusCode(200).body("status", equalTo("expired"))
                .body("end_reason", equalTo("ended_by_seller"));
        Clients.start(license, Fixtures.device(license)).then().statusCode(201);
        given().auth().oauth2(seller).delete("/api/v1/sessions/" + sid).then().statusCode(409)
                .body("code", equalTo("SESSION_ENDED"));
        given().auth().oauth2(seller).delete("/api/v1/sessions/not-a-uuid").then().statusCode(400)
                .body("errors[0].field", equalTo("id"));
        given().auth().oauth2(seller).delete("/api/v1/sessions/" + java.util.UUID.randomUUID()).then().statusCode(404);
    }
}
