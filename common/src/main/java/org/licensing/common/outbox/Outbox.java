package org.licensing.common.outbox;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.licensing.common.events.EventEnvelope;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Transactional outbox (DESIGN section 3): an event is written in the same transaction as the
 * change it describes, into the service's own {@code outbox} table; {@link OutboxRelay} publishes
 * it to the stream after commit. An event is therefore published if and only if its change commits.
 */
@ApplicationScoped
public class Outbox {

    private final ObjectMapper json;
    private final String insertSql;

    public Outbox(ObjectMapper json, @ConfigProperty(name = "licensing.schema") String schema) {
        this.json = json;
        this.insertSql = "INSERT INTO " + schema + ".outbox (event_id, event_type, partition_key, payload) VALUES ($1, $2, $3, $4)";
    }

    /** Append on a reactive SQL connection that holds the transaction of the change. */
    public Uni<Void> append(SqlClient transaction, EventEnvelope event) {
        return transaction.preparedQuery(insertSql)
                .execute(Tuple.of(event.id(), event.type(), event.partitionKey(), serialize(event)))
                .replaceWithVoid();
    }

    public String serialize(EventEnvelope event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event cannot be serialized: " + event.type(), e);
        }
    }
}
