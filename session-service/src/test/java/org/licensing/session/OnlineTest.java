package org.licensing.session;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;
import org.licensing.session.support.Clients;
import org.licensing.session.support.Fixtures;
import org.licensing.session.support.ForeignSchemas;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(ForeignSchemas.class)
class OnlineTest {

    @Test
    void onlineFlagsAndCountsFollowSessions() {
        Fixtures.License license = Fixtures.license(null);
        Fixtures.Device a = Fixtures.device(license);
        Fixtures.Device b = Fixtures.device(license);
        Fixtures.Device idle = Fixtures.device(license);
        String owner = Fixtures.token(license.ownerId(), "CUSTOMER");
        String admin = Fixtures.token(1, "ADMIN");

        String tokenA = Clients.session(license, a);
        String tokenB = Clients.session(license, b);
        Clients.beat(tokenA).then().body("status", equalTo("ok"));

        given().auth().oauth2(owner).get("/api/v1/online/devices/" + a.id()).then().statusCode(200)
                .body("online", equalTo(true)).body("device_id", equalTo((int) a.id()))
                .body("license_id", equalTo((int) license.id())).body("last_heartbeat_at", notNullValue());
        given().auth().oauth2(owner).get("/api/v1/online/devices/" + idle.id()).then().statusCode(200)
                .body("online", equalTo(false));
        given().auth().oauth2(owner).get("/api/v1/online/licenses/" + license.id()).then().statusCode(200)
                .body("online_devices", equalTo(2)).body("device_ids", hasItem((int) a.id()));
        given().auth().oauth2(Fixtures.token(license.sellerId(), "SELLER")).get("/api/v1/online/licenses/" + license.id())
                .then().statusCode(200).body("online_devices", equalTo(2));
        given().auth().oauth2(admin).get("/api/v1/online").then().statusCode(200)
                .body("online_devices", greaterThanOrEqualTo(2));
        // the client itself may look at its own license
        given().auth().oauth2(tokenA).get("/api/v1/online/licenses/" + license.id()).then().statusCode(200);

        Clients.signOut(tokenB).then().statusCode(200);
        given().auth().oauth2(owner).get("/api/v1/online/devices/" + b.id()).then().statusCode(200).body("online", equalTo(false));
        given().auth().oauth2(owner).get("/api/v1/online/licenses/" + license.id()).then().body("online_devices", equalTo(1));
    }

    @Test
    void strangersSeeNothing() {
        Fixtures.License license = Fixtures.license(null);
        Fixtures.Device a = Fixtures.device(license);
        String stranger = Fixtures.token(Fixtures.account("CUSTOMER"), "CUSTOMER");
        given().auth().oauth2(stranger).get("/api/v1/online/devices/" + a.id()).then().statusCode(404)
                .body("code", equalTo("DEVICE_NOT_FOUND"));
        given().auth().oauth2(stranger).get("/api/v1/online/licenses/" + license.id()).then().statusCode(404);
        given().auth().oauth2(stranger).get("/api/v1/online").then().statusCode(403);
        given().get("/api/v1/online").then().statusCode(401);
    }
}
