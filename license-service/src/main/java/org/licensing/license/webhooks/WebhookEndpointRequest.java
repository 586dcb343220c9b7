package org.licensing.license.webhooks;

import java.util.List;

/** Body of {@code POST /api/v1/webhooks}: the https URL and the event types ("*" for all; default all). */
public record WebhookEndpointRequest(String url, List<String> events) {}
