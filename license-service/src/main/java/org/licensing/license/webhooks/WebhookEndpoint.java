package org.licensing.license.webhooks;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A seller's webhook endpoint. {@code secret} is returned once, when the endpoint is created. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookEndpoint(long id, String url, List<String> events, boolean enabled, String secret, Instant createdAt) {}
