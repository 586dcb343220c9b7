package org.licensing.license.validation;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The address limit, block and headers with the reads made as single-slot commands (Redis Cluster). */
@QuarkusTest
@TestProfile(ValidationPerCommandTest.PerCommand.class)
class ValidationAddressLimitPerCommandTest extends ValidationAddressLimitTest {
}
