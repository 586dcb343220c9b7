package org.licensing.common.redis;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisConnection;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * A few Redis connections held by a hot path, each carrying many calls in flight (pipelined).
 * Borrowing a pooled connection for every request costs the service more than a short script costs
 * Redis, and one call per connection at a time makes Redis read and write one command per system
 * call. A connection that closes or fails is dropped and replaced on the next call; one that stops
 * answering is closed by {@link #closeStalled()} (the owner schedules it: a timer per call would
 * cost more than the call), which fails the calls in flight on it.
 *
 * <p>Not a bean: each hot path holds its own (its connection count and timeout are its own settings):
 * license-service's validation and session-service's heartbeat ({@code HeartbeatConnections}).
 */
public final class HeldRedisConnections {

    private static final Logger LOG = Logger.getLogger(HeldRedisConnections.class);

    /** One held connection and what is in flight on it. */
    private static final class Held {
        final Uni<RedisConnection> connection;
        final AtomicInteger inFlight = new AtomicInteger();
        /** Last time this connection answered, or was given work while idle (System.nanoTime). */
        volatile long progressAt = System.nanoTime();
        volatile RedisConnection open;

        Held(Uni<RedisConnection> connection) {
            this.connection = connection;
        }
    }

    private final Redis redis;
    private final Duration timeout;
    private final String purpose;
    private final AtomicReferenceArray<Held> slots;

    /** {@code purpose} names the path in log lines ("validation"). */
    public HeldRedisConnections(Redis redis, int connections, Duration timeout, String purpose) {
        this.redis = redis;
        this.timeout = timeout;
        this.purpose = purpose;
        this.slots = new AtomicReferenceArray<>(Math.max(1, connections));
    }

    /** Runs a script on the connection of the calling thread's slot (event-loop threads spread over the slots). */
    public Uni<Response> run(LuaScript script, List<String> keys, List<String> args) {
        Held held = held(slot());
        return held.connection.chain(c -> {
            if (held.inFlight.getAndIncrement() == 0) {
                held.progressAt = System.nanoTime();
            }
            return script.run(c, keys, args).onTermination().invoke(() -> {
                held.progressAt = System.nanoTime();
                held.inFlight.decrementAndGet();
            });
        });
    }

    /** Sends one command on the calling thread's connection, in the same pipeline as the scripts. */
    public Uni<Response> send(Request request) {
        Held held = held(slot());
        return held.connection.chain(c -> {
            if (held.inFlight.getAndIncrement() == 0) {
                held.progressAt = System.nanoTime();
            }
            return c.send(request).onTermination().invoke(() -> {
                held.progressAt = System.nanoTime();
                held.inFlight.decrementAndGet();
            });
        });
    }

    /** Closes connections that have had calls in flight and no answer for longer than the timeout. */
    public void closeStalled() {
        long now = System.nanoTime();
        for (int slot = 0; slot < slots.length(); slot++) {
            Held held = slots.get(slot);
            if (held != null && held.inFlight.get() > 0 && now - held.progressAt > timeout.toNanos()) {
                LOG.warnf("The %s Redis connection gave no answer for %s with %d calls in flight; replacing it",
                        purpose, timeout, held.inFlight.get());
                forget(slot, held);
            }
        }
    }

    private int slot() {
        return (int) (Thread.currentThread().getId() % slots.length());
    }

    private Held held(int slot) {
        Held current = slots.get(slot);
        if (current != null) {
            return current;
        }
        Held[] self = new Held[1];
        self[0] = new Held(redis.connect()
                .ifNoItem().after(timeout).failWith(() -> new TimeoutException())
                .invoke(c -> {
                    self[0].open = c;
                    c.exceptionHandler(e -> {
                        LOG.warnf("The %s Redis connection failed (%s); it is replaced on the next call", purpose, e.getMessage());
                        forget(slot, self[0]);
                    });
                    c.endHandler(() -> forget(slot, self[0]));
                })
                .onFailure().invoke(() -> slots.compareAndSet(slot, self[0], null))
                .memoize().indefinitely());
        return slots.compareAndSet(slot, null, self[0]) ? self[0] : held(slot);
    }

    private void forget(int slot, Held held) {
        if (slots.compareAndSet(slot, held, null) && held.open != null) {
            // closing fails the calls still waiting on it
            held.open.close().subscribe().with(x -> { }, f -> { });
        }
    }
}
