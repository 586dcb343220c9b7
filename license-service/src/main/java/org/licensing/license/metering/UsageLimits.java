package org.licensing.license.metering;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pure arithmetic of usage limits: which counters exist for a license at an instant, their Redis
 * keys, and whether any limit is used up. Keys share the hash tag {@code {lic:ID}} so one Lua
 * script may touch all counters of a license in Redis Cluster.
 */
public final class UsageLimits {

    /** One counter of a license: a metric in a window, its limit (null when unlimited). */
    public record Counter(UsageMetric metric, UsageWindow window, Long limit, String key, Instant resetsAt) {
        public String limitKey() {
            return metric.limitKey(window);
        }
    }

    /** A counter with its current value. */
    public record Reading(Counter counter, long used) {
        public boolean exhausted() {
            return counter.limit() != null && used >= counter.limit();
        }
    }

    private UsageLimits() {}

    public static String counterKey(long licenseId, UsageMetric metric, UsageWindow window, Instant now) {
        return "usage:{lic:" + licenseId + "}:" + metric.label() + ":" + window.bucket(now);
    }

    /** Every counter a recording of {@code metric} updates, with the license's limits. */
    public static List<Counter> countersOf(long licenseId, UsageMetric metric, Map<String, Long> limits, Instant now) {
        List<Counter> out = new ArrayList<>();
        for (UsageWindow w : metric.windows()) {
            Long limit = limits == null ? null : limits.get(metric.limitKey(w));
            out.add(new Counter(metric, w, limit, counterKey(licenseId, metric, w, now), w.resetsAt(now)));
        }
        return out;
    }

    /** The limited counters of a license (what validation must check), in a stable order. */
    public static List<Counter> limitedCounters(long licenseId, Map<String, Long> limits, Instant now) {
        List<Counter> out = new ArrayList<>();
        if (limits == null || limits.isEmpty()) {
            return out;
        }
        for (UsageMetric m : UsageMetric.values()) {
            for (Counter c : countersOf(licenseId, m, limits, now)) {
                if (c.limit() != null) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    /** The first used-up limit, or null when every limit still has room. */
    public static Reading firstExhausted(List<Reading> readings) {
        for (Reading r : readings) {
            if (r.exhausted()) {
                return r;
            }
        }
        return null;
    }

    /** {limit key: used} for answers. */
    public static Map<String, Long> usedByLimitKey(List<Reading> readings) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (Reading r : readings) {
            m.put(r.counter().limitKey(), r.used());
        }
        return m;
    }

    /** Warning thresholds in percent of a limit; each is emitted once per window. */
    public static final int[] THRESHOLDS = { 80, 90, 100 };
}
