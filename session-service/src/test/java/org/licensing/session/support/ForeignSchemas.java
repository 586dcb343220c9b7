package org.licensing.session.support;

import java.util.Map;

import org.licensing.common.testing.ForeignSchema;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Creates the license and device schemas this service reads, exactly as their owners do. */
public class ForeignSchemas implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        ForeignSchema.migrate("license");
        ForeignSchema.migrate("device");
        return Map.of();
    }

    @Override
    public void stop() {
    }
}
