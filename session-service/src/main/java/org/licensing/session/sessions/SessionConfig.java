package org.licensing.session.sessions;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Operator settings of client sessions and heartbeats ({@code licensing.session.*}). */
@ConfigMapping(prefix = "licensing.session")
public interface SessionConfig {

    /** How often clients are told to beat. */
    @WithDefault("60s")
    Duration heartbeatInterval();

    /** Extra time after a missed beat before the session counts as gone (lease = interval + grace). */
    @WithDefault("30s")
    Duration heartbeatGrace();

    /** Life of a session token; the session expires with it. */
    @WithDefault("24h")
    Duration tokenLifetime();

    /** Heartbeats one device may send per window before it gets 429. */
    @WithDefault("10")
    int heartbeatLimit();

    @WithDefault("60s")
    Duration heartbeatLimitWindow();

    /** How often the reaper looks for leases that ran out and writes ended sessions to PostgreSQL. */
    @WithDefault("5s")
    String reaperEvery();

    @WithDefault("500")
    int reaperBatch();

    /** Redis connections held for heartbeats, each carrying many calls in flight. */
    @WithDefault("2")
    int heartbeatConnections();

    /** Longest wait for Redis on a heartbeat before it answers 503 and the connection is replaced. */
    @WithDefault("3s")
    Duration heartbeatRedisTimeout();

    /** Verified session tokens remembered per instance (about 150 bytes each). */
    @WithDefault("100000")
    long tokenCacheSize();

    default long leaseMillis() {
        return heartbeatInterval().toMillis() + heartbeatGrace().toMillis();
    }
}
