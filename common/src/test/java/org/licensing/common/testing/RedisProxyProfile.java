package org.licensing.common.testing;

import java.util.List;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Test profile whose Redis goes through a cuttable proxy. */
public class RedisProxyProfile implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(RedisProxyResource.class));
    }
}
