package org.licensing.common.redis;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Whether the services talk to a Redis Cluster ({@code quarkus.redis.client-type=cluster}) or to one
 * server. The few places that batch keys of several slots into one command (a multi-stream
 * XREADGROUP, a script over unrelated keys) ask this and split the work per slot only on a cluster,
 * so a standalone server keeps its single round trip.
 */
@ApplicationScoped
public class RedisTopology {

    private final boolean cluster;

    public RedisTopology(@ConfigProperty(name = "quarkus.redis.client-type", defaultValue = "standalone") String clientType) {
        this.cluster = "cluster".equalsIgnoreCase(clientType);
    }

    /** True on a Redis Cluster: a command's keys must all hash to one slot. */
    public boolean cluster() {
        return cluster;
    }
}
