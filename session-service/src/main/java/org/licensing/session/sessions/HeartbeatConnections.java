package org.licensing.session.sessions;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.licensing.common.redis.HeldRedisConnections;
import org.licensing.common.redis.LuaScript;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * The heartbeat's held, pipelined Redis connections ({@link HeldRedisConnections}, shared with the
 * validation path), sized and timed by {@link SessionConfig}; the watchdog runs every second.
 */
@ApplicationScoped
public class HeartbeatConnections {

    private final HeldRedisConnections held;

    public HeartbeatConnections(Redis redis, SessionConfig config) {
        this.held = new HeldRedisConnections(redis, config.heartbeatConnections(), config.heartbeatRedisTimeout(), "heartbeat");
    }

    /**
     * Runs a script on a held connection. {@code keys}: one key of the slot the script works in (a Redis
     * Cluster routes the call by it; the scripts build the rest of their keys from the arguments).
     */
    public Uni<Response> run(LuaScript script, List<String> keys, List<String> args) {
        return held.run(script, keys, args);
    }

    /** One command on a held connection (a cluster connection routes it by its keys, and splits an MGET). */
    public Uni<Response> send(Request request) {
        return held.send(request);
    }

    @Scheduled(every = "1s", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void closeStalled() {
        held.closeStalled();
    }
}
