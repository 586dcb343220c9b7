package org.licensing.session.sessions;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.licensing.common.redis.HeldRedisConnections;
import org.licensing.common.redis.LuaScript;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;
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

    /** Runs a session script (its keys built inside it from the arguments) on a held connection. */
    public Uni<Response> run(LuaScript script, List<String> args) {
        return held.run(script, List.of(), args);
    }

    @Scheduled(every = "1s", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void closeStalled() {
        held.closeStalled();
    }
}
