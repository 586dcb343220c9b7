package org.licensing.session.sessions;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.licensing.common.redis.LuaScript;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisConnection;
import io.vertx.mutiny.redis.client.Response;

/**
 * A few Redis connections held for the heartbeat, each carrying many script calls in flight
 * (pipelined). Borrowing a pooled connection for every heartbeat costs the service more than the
 * heartbeat script costs Redis, and one call per connection at a time makes Redis read and write
 * one command per system call. A connection that closes or fails is dropped and replaced on the
 * next call; one that stops answering is closed by a watchdog (a timer per call would cost more
 * than the call), which fails the calls in flight on it (the clients beat again).
 */
@ApplicationScoped
public class HeldRedisConnections {

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
    private final AtomicReferenceArray<Held> slots;

    public HeldRedisConnections(Redis redis, SessionConfig config) {
        this.redis = redis;
        this.timeout = config.heartbeatRedisTimeout();
        this.slots = new AtomicReferenceArray<>(Math.max(1, config.heartbeatConnections()));
    }

    /** Runs a script on the connection of the calling thread's slot (event-loop threads spread over the slots). */
    public Uni<Response> run(LuaScript script, List<String> args) {
        Held held = held((int) (Thread.currentThread().getId() % slots.length()));
        return held.connection.chain(c -> {
            if (held.inFlight.getAndIncrement() == 0) {
                held.progressAt = System.nanoTime();
            }
            return script.run(c, args).onTermination().invoke(() -> {
                held.progressAt = System.nanoTime();
                held.inFlight.decrementAndGet();
            });
        });
    }

    /** Closes connections that have had calls in flight and no answer for longer than the timeout. */
    @Scheduled(every = "1s", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void closeStalled() {
        long now = System.nanoTime();
        for (int slot = 0; slot < slots.length(); slot++) {
            Held held = slots.get(slot);
            if (held != null && held.inFlight.get() > 0 && now - held.progressAt > timeout.toNanos()) {
                LOG.warnf("Heartbeat Redis connection gave no answer for %s with %d calls in flight; replacing it",
                        timeout, held.inFlight.get());
                forget(slot, held);
            }
        }
    }

    private Held held(int slot) {
        Held current = slots.get(slot);
        if (current != null) {
            return current;
        }
        Held[] self = new Held[1];
        self[0] = new Held(redis.connect()
                .ifNoItem().after(timeout).failWith(() -> new IllegalStateException("No Redis connection within " + timeout))
                .invoke(c -> {
                    self[0].open = c;
                    c.exceptionHandler(e -> {
                        LOG.warnf("Heartbeat Redis connection failed (%s); it is replaced on the next beat", e.getMessage());
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
