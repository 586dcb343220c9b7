package org.licensing.license.webhooks;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;

/** Webhook delivery ({@code licensing.webhooks.*}). */
@ConfigMapping(prefix = "licensing.webhooks")
public interface WebhooksConfig {

    /** How often due deliveries are sent ({@code WEBHOOKS_EVERY}); read by the schedule. */
    String every();

    /** Longest wait for a receiver ({@code WEBHOOKS_TIMEOUT}). */
    Duration timeout();

    /** Base delay between attempts, doubled each time ({@code WEBHOOKS_BACKOFF}). */
    Duration backoff();

    /** Attempts before a delivery is given up ({@code WEBHOOKS_MAX_ATTEMPTS}). */
    int maxAttempts();

    /** Whether receivers on private and loopback addresses are allowed ({@code WEBHOOKS_ALLOW_PRIVATE_TARGETS}, off in production). */
    boolean allowPrivateTargets();
}
