package org.licensing.license.validation;

import java.util.List;
import java.util.Map;

import org.licensing.common.events.EventTypes;
import org.licensing.common.events.StreamConfig;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.vertx.core.json.JsonObject;

/** Reads the newest events of one license's partition of lm:events, or of lm:validations for validations (tests only). */
public final class StreamProbe {

    private StreamProbe() {}

    public static List<JsonObject> eventsOf(RedisDataSource redis, StreamConfig streams, long licenseId, String type) {
        String partitionKey = "license:" + licenseId;
        String stream = EventTypes.LICENSE_VALIDATED.equals(type)
                ? streams.validationsPartition(partitionKey)
                : streams.eventsPartition(partitionKey);
        List<StreamMessage<String, String, String>> msgs = redis.stream(String.class)
                .xrevrange(stream, StreamRange.of("+", "-"), 2000);
        return msgs.stream().map(m -> new JsonObject(((Map<String, String>) m.payload()).get("event")))
                .filter(e -> e.getLong("license_id") != null && e.getLong("license_id") == licenseId)
                .filter(e -> type == null || type.equals(e.getString("type")))
                .toList();
    }
}
