package org.licensing.session;

import org.licensing.common.testing.AbstractReadinessTest;
import org.licensing.common.testing.StandaloneRedisOnly;
import org.licensing.common.testing.RedisProxyProfile;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@StandaloneRedisOnly
@TestProfile(RedisProxyProfile.class)
class ReadinessTest extends AbstractReadinessTest {
}
