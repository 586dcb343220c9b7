package org.licensing.sdk.session;

import java.time.Duration;

import org.licensing.sdk.LicensingException;

/**
 * What a running session tells the application, on the session's own thread. {@link #onEnded} is
 * called once, when the platform answers {@code blocked}, {@code expired} or {@code revoked} (or
 * refuses the token); the heartbeats stop then.
 */
@FunctionalInterface
public interface SessionListener {

    void onEnded(SessionEnd end);

    /** Every {@code ok} heartbeat. */
    default void onHeartbeat(Heartbeat beat) {
    }

    /** A heartbeat failed (network, 429, 503, ...) and is retried after {@code delay}; the session goes on. */
    default void onRetry(LicensingException error, Duration delay) {
    }
}
