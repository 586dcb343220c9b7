package org.licensing.session.sessions;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.licensing.common.redis.LuaScript;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisConnection;
import io.vertx.mutiny.redis.client.Response;

/**
 * A few Redis connections held for the heartbeat, each carrying many script calls in flight
 * (pipelined). Borrowing a pooled connection for every heartbeat costs the service more than the
 * heartbeat script costs Redis, and one call per connection at a time makes Redis read and write
 * one command per system call. A connection that closes, fails or stops answering is dropped and
 * replaced on the next call; the calls in flight on it fail (the client beats again).
 */
@ApplicationScoped
public class HeldRedisConnections {

    private static final Logger LOG = Logger.getLogger(HeldRedisConnections.class);

    private final Redis redis;
    private final Duration timeout;
    private final AtomicReferenceArray<Uni<RedisConnection>> slots;

    public HeldRedisConnections(Redis redis,
            @ConfigProperty(name = "licensing.session.heartbeat-connections", defaultValue = "2") int connections,
            @ConfigProperty(name = "licensing.session.heartbeat-redis-timeout", defaultValue = "3s") Duration timeout) {
        this.redis = redis;
        this.timeout = timeout;
        this.slots = new AtomicReferenceArray<>(Math.max(1, connections));
    }

    /** Runs a script on the connection of the calling thread's slot (event-loop threads spread over the slots). */
    public Uni<Response> run(LuaScript script, List<String> args) {
        int slot = (int) (Thread.currentThread().getId() % slots.length());
        return connection(slot).chain(c -> script.run(c, args)
                .ifNoItem().after(timeout).failWith(() -> new RedisUnavailableException("Redis did not answer within " + timeout))
                .onFailure(RedisUnavailableException.class).invoke(() -> drop(slot, c)));
    }

    private Uni<RedisConnection> connection(int slot) {
        Uni<RedisConnection> current = slots.get(slot);
        if (current != null) {
            return current;
        }
        Uni<RedisConnection>[] self = new Uni[1];
        self[0] = redis.connect()
                .ifNoItem().after(timeout).failWith(() -> new RedisUnavailableException("No Redis connection within " + timeout))
                .invoke(c -> {
                    c.exceptionHandler(e -> {
                        LOG.warnf("Heartbeat Redis connection failed (%s); it is replaced on the next beat", e.getMessage());
                        forget(slot, self[0], c);
                    });
                    c.endHandler(() -> forget(slot, self[0], c));
                })
                .onFailure().invoke(() -> slots.compareAndSet(slot, self[0], null))
                .memoize().indefinitely();
        return slots.compareAndSet(slot, null, self[0]) ? self[0] : connection(slot);
    }

    private void drop(int slot, RedisConnection c) {
        Uni<RedisConnection> current = slots.get(slot);
        if (current != null) {
            forget(slot, current, c);
        }
    }

    private void forget(int slot, Uni<RedisConnection> held, RedisConnection c) {
        if (slots.compareAndSet(slot, held, null)) {
            c.close().subscribe().with(x -> { }, f -> { });
        }
    }

    /** Redis could not be reached or did not answer in time: a 503 for the caller, not a 500. */
    public static final class RedisUnavailableException extends RuntimeException {
        public RedisUnavailableException(String message) {
            super(message, null, false, false);
        }
    }
}
