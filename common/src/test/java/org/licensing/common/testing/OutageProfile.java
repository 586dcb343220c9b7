package org.licensing.common.testing;

import java.util.List;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Test profile whose Redis and PostgreSQL go through cuttable proxies ({@link OutageProxies}). */
public class OutageProfile implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(OutageProxies.class));
    }
}
