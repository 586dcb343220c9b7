package org.licensing.common.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;

/**
 * Skips a test class in the Redis Cluster run ({@code LM_TEST_REDIS_CLIENT_TYPE=cluster}): it cuts
 * Redis by closing one TCP proxy, and a cluster client learns every master's own address from
 * {@code CLUSTER SLOTS} and goes around the proxy. The outage answers it proves do not depend on the
 * topology, so the standalone run keeps proving them.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@DisabledIfEnvironmentVariable(named = "LM_TEST_REDIS_CLIENT_TYPE", matches = "cluster",
        disabledReason = "cuts Redis through one proxy, which a cluster client goes around")
public @interface StandaloneRedisOnly {
}
