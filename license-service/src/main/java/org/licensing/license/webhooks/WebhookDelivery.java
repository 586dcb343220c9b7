package org.licensing.license.webhooks;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One event sent (or being sent) to one endpoint. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookDelivery(long id, long endpointId, String eventId, String eventType, String status, int attempts,
        Instant nextAttemptAt, Integer lastStatusCode, String lastError, Instant createdAt, Instant deliveredAt) {}
