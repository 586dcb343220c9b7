package org.licensing.license.legacy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.licensing.common.licenses.LicenseSnapshots;
import org.licensing.license.validation.Fixtures;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class VerifyKeyLegacyTest {

    @Inject
    LicenseSnapshots snapshots;

    static ValidatableResponse verify(String key, String device) {
        var req = given().contentType("application/x-www-form-urlencoded");
        if (key != null) {
            req = req.formParam("license_key", key);
        }
        if (device != null) {
            req = req.formParam("device_id", device);
        }
        return req.post("/api/verify_key.php").then().statusCode(200);
    }

    @Test
    void missingFieldsAreAnError() {
        verify(null, "d1").body("status", equalTo("error")).body("message", equalTo("Key and Device ID are required."));
        verify(Fixtures.newKey(), null).body("status", equalTo("error"));
    }

    @Test
    void unknownOrMalformedKey() {
        verify(Fixtures.newKey(), "d1").body("status", equalTo("error")).body("message", equalTo("Invalid license key."));
        verify("x", "d1").body("status", equalTo("error")).body("code", equalTo("MALFORMED_KEY"));
    }

    @Test
    void onlyABoundDeviceSucceeds() {
        Fixtures.Scenario s = Fixtures.scenario("{}", "[]", "[]", 2, null);
        String bound = "pc-" + Fixtures.unique();
        Fixtures.device(s.license(), bound, true, false);
        verify(s.key(), bound).body("status", equalTo("success")).body("code", equalTo("VALID"));
        // seed 000: success means "this device is registered for this key"; a free slot is not a registration
        verify(s.key(), "new-" + Fixtures.unique()).body("status", equalTo("error"))
                .body("code", equalTo("DEVICE_NOT_ACTIVATED")).body("message", equalTo("This device is not registered for this key."));
        String gone = "gone-" + Fixtures.unique();
        Fixtures.device(s.license(), gone, false, false);
        verify(s.key(), gone).body("status", equalTo("error")).body("code", equalTo("DEVICE_NOT_ACTIVATED"));
        Fixtures.device(s.license(), "second-" + Fixtures.unique(), true, false);
        verify(s.key(), "third-" + Fixtures.unique()).body("status", equalTo("error"))
                .body("code", equalTo("TOO_MANY_DEVICES")).body("message", equalTo("Device limit reached for this key."));
    }

    @Test
    void keyNeverRedeemedIsAnError() {
        long seller = Fixtures.account("SELLER");
        long product = Fixtures.product(seller, "L" + Fixtures.unique().substring(0, 6).toUpperCase());
        String key = Fixtures.newKey();
        Fixtures.license(key, product, seller, null, "UNUSED", null, "{}", "[]", "[]", 1);
        verify(key, "first-" + Fixtures.unique()).body("status", equalTo("error")).body("code", equalTo("NOT_ACTIVATED"))
                .body("message", equalTo("This license key has not been activated."));
    }

    @Test
    void blockedDeviceAndSuspendedKeyAnswerBlocked() {
        Fixtures.Scenario s = Fixtures.scenario("{}", "[]", "[]", 2, null);
        String blocked = "blk-" + Fixtures.unique();
        Fixtures.device(s.license(), blocked, true, true);
        verify(s.key(), blocked).body("status", equalTo("blocked")).body("message", equalTo("Your access has been blocked."));
        Fixtures.execute("UPDATE license.licenses SET status = 'SUSPENDED' WHERE id = ?", s.license());
        snapshots.evict(s.license()).await().indefinitely();
        verify(s.key(), "any").body("status", equalTo("blocked")).body("code", equalTo("SUSPENDED"));
    }

    @Test
    void expiredKeyIsAnError() {
        Fixtures.Scenario s = Fixtures.scenario("{}", "[]", "[]", 1, java.time.Instant.now().minusSeconds(60));
        verify(s.key(), "d").body("status", equalTo("error")).body("message", equalTo("This license key has expired."));
    }
}
