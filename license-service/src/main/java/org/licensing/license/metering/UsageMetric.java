package org.licensing.license.metering;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a license can meter (requirement 004) and the windows each is counted in. The limit of a
 * metric in a window is the {@code licenses.usage_limits} key {@code <metric>_per_<window>}
 * ({@code api_calls_per_minute}, ...), or the metric name for a TOTAL gauge ({@code storage_bytes}).
 * Concurrent users are limited by session-service from {@code licenses.max_sessions}.
 */
public enum UsageMetric {
    API_CALLS(List.of(UsageWindow.MINUTE, UsageWindow.HOUR, UsageWindow.DAY, UsageWindow.MONTH)),
    BANDWIDTH_BYTES(List.of(UsageWindow.DAY, UsageWindow.MONTH)),
    STORAGE_BYTES(List.of(UsageWindow.TOTAL));

    private final List<UsageWindow> windows;

    UsageMetric(List<UsageWindow> windows) {
        this.windows = windows;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public List<UsageWindow> windows() {
        return windows;
    }

    /** A gauge can go down (storage freed); windowed counters only grow. */
    public boolean isGauge() {
        return windows.contains(UsageWindow.TOTAL);
    }

    public String limitKey(UsageWindow window) {
        return window == UsageWindow.TOTAL ? label() : label() + "_per_" + window.label();
    }

    public static Optional<UsageMetric> fromLabel(String label) {
        if (label == null) {
            return Optional.empty();
        }
        for (UsageMetric m : values()) {
            if (m.label().equals(label.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
