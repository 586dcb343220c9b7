package org.licensing.common.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class OperationIdsTest {

    @Test
    void methodAndPathSegmentsInCamelCase() {
        assertEquals("postLicensesByIdSuspend", OperationIds.of("POST", "/api/v1/licenses/{id}/suspend"));
        assertEquals("getLicenses", OperationIds.of("GET", "/api/v1/licenses"));
        assertEquals("postAuthSignIn", OperationIds.of("POST", "/api/v1/auth/sign-in"));
        assertEquals("getOnlineDevicesByDeviceId", OperationIds.of("GET", "/api/v1/online/devices/{deviceId}"));
    }

    @Test
    void legacyPathsAndRegexParameters() {
        assertEquals("postVerifyKeyPhp", OperationIds.of("POST", "/api/verify_key.php"));
        assertEquals("getDevicesById", OperationIds.of("GET", "/api/v1/devices/{id: \\d+}"));
    }

    @Test
    void differentPathsNeverShareAnId() {
        assertNotEquals(OperationIds.of("GET", "/api/v1/devices/{id}"), OperationIds.of("GET", "/api/v1/devices"));
        assertNotEquals(OperationIds.of("GET", "/api/v1/devices"), OperationIds.of("DELETE", "/api/v1/devices"));
    }
}
