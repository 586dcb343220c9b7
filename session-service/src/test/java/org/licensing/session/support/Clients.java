package org.licensing.session.support;

import static io.restassured.RestAssured.given;

import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** A client application talking to session-service over HTTP. */
public final class Clients {

    private Clients() {}

    public static Response start(Fixtures.License license, Fixtures.Device device) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("license_key", license.key(), "device_id", device.clientDeviceId(), "client_version", "2.1.0",
                        "language", "en", "session_data", Map.of("screen", "1920x1080")))
                .post("/api/v1/sessions");
    }

    /** Starts a session and returns its token. */
    public static String session(Fixtures.License license, Fixtures.Device device) {
        return start(license, device).then().statusCode(201).extract().path("token");
    }

    public static Response beat(String token) {
        return given().header("Authorization", "Bearer " + token).post("/api/v1/sessions/heartbeat");
    }

    public static Response legacy(String key, String deviceId) {
        var spec = given().contentType(ContentType.URLENC);
        if (key != null) {
            spec = spec.formParam("license_key", key);
        }
        if (deviceId != null) {
            spec = spec.formParam("device_id", deviceId);
        }
        return spec.post("/api/heartbeat.php");
    }

    public static Response signOut(String token) {
        return given().header("Authorization", "Bearer " + token).delete("/api/v1/sessions/current");
    }
}
