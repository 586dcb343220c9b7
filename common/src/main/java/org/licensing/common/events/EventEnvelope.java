package org.licensing.common.events;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One event on {@code lm:events:{n}} (DESIGN section 3). The schema only grows: consumers ignore
 * fields they do not know, and {@code v} changes only for an incompatible change.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventEnvelope(
        @JsonProperty("v") int version,
        @JsonProperty("id") String id,
        @JsonProperty("type") String type,
        @JsonProperty("ts") Instant ts,
        @JsonProperty("level") String level,
        @JsonProperty("account_id") Long accountId,
        @JsonProperty("license_id") Long licenseId,
        @JsonProperty("device_id") String deviceId,
        @JsonProperty("actor_id") Long actorId,
        @JsonProperty("ip") String ip,
        @JsonProperty("source") String source,
        @JsonProperty("data") Map<String, Object> data) {

    public static final int VERSION = 1;

    public static Builder of(String type) {
        return new Builder(type);
    }

    /** The key that picks the stream partition: the license keeps one license's events in order. */
    public String partitionKey() {
        if (licenseId != null) {
            return "license:" + licenseId;
        }
        if (deviceId != null) {
            return "device:" + deviceId;
        }
        return accountId != null ? "account:" + accountId : id;
    }

    public static final class Builder {
        private final String type;
        private String level = "info";
        private Long accountId;
        private Long licenseId;
        private String deviceId;
        private Long actorId;
        private String ip;
        private String source;
        private Map<String, Object> data = Map.of();

        private Builder(String type) {
            this.type = type;
        }

        public Builder level(String level) { this.level = level; return this; }
        public Builder account(Long id) { this.accountId = id; return this; }
        public Builder license(Long id) { this.licenseId = id; return this; }
        public Builder device(String id) { this.deviceId = id; return this; }
        public Builder actor(Long id) { this.actorId = id; return this; }
        public Builder ip(String ip) { this.ip = ip; return this; }
        public Builder source(String source) { this.source = source; return this; }
        public Builder data(Map<String, Object> data) { this.data = data; return this; }

        public EventEnvelope build() {
            return new EventEnvelope(VERSION, UUID.randomUUID().toString(), type, Instant.now(), level,
                    accountId, licenseId, deviceId, actorId, ip, source, data);
        }
    }
}
