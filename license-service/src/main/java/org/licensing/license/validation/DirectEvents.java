package org.licensing.license.validation;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.licensing.common.events.EventEnvelope;
import org.licensing.common.events.StreamConfig;
import org.licensing.common.outbox.Outbox;
import org.licensing.common.redis.HeldRedisConnections;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.stream.XAddArgs;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;

/**
 * Events about Redis-only facts (a validation, a usage threshold): nothing changes in PostgreSQL,
 * so there is no outbox row; they go straight to {@code lm:events:{n}} ({@code lm:validations:{n}} for
 * validations, {@link StreamConfig#partitionOf}) in the outbox's format (field {@code event} = envelope
 * JSON) and stats-service stores them in batches. A failure to
 * publish is logged and never fails the request it describes.
 */
@ApplicationScoped
public class DirectEvents {

    private static final Logger LOG = Logger.getLogger(DirectEvents.class);

    /** The envelope's type beside it (docs/streams.md), so consumers skip types they ignore without parsing. */
    public static final String TYPE_FIELD = "type";

    private final ReactiveRedisDataSource redis;
    private final StreamConfig streams;
    private final Outbox outbox;

    public DirectEvents(ReactiveRedisDataSource redis, StreamConfig streams, Outbox outbox) {
        this.redis = redis;
        this.streams = streams;
        this.outbox = outbox;
    }

    public Uni<Void> publish(EventEnvelope event) {
        // no MAXLEN: only the consumer side trims (docs/streams.md); the request that caused this event
        // passed the memory ceiling (StreamCeilingFilter)
        return redis.stream(String.class)
                .xadd(streams.partitionOf(event), new XAddArgs(),
                        Map.of("event", outbox.serialize(event), TYPE_FIELD, event.type()))
                .replaceWithVoid()
                .onFailure().invoke(f -> LOG.warnf("Event %s not published: %s", event.type(), f.getMessage()))
                .onFailure().recoverWithNull();
    }

    /**
     * Publish on {@code held} without making the caller wait: the XADD rides the same pipelined
     * connection as the hot path's script, so it costs no connection borrow.
     */
    public void fireAndForget(EventEnvelope event, HeldRedisConnections held) {
        held.send(Request.cmd(Command.XADD).arg(streams.partitionOf(event)).arg("*")
                        .arg("event").arg(outbox.serialize(event)).arg(TYPE_FIELD).arg(event.type()))
                .subscribe().with(x -> { }, f -> LOG.warnf("Event %s not published: %s", event.type(), f.getMessage()));
    }

    /** Publish without making the caller wait for it. */
    public void fireAndForget(EventEnvelope event) {
        publish(event).subscribe().with(x -> { }, f -> { });
    }
}
