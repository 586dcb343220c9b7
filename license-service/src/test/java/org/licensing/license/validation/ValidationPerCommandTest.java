package org.licensing.license.validation;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Every validation test again with the reads made as single-slot commands (what a Redis Cluster
 * gets, {@code licensing.validation.one-script=false}): both paths must give the same answers.
 */
@QuarkusTest
@TestProfile(ValidationPerCommandTest.PerCommand.class)
class ValidationPerCommandTest extends ValidationResourceTest {

    public static class PerCommand implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("licensing.validation.one-script", "false");
        }
    }
}
