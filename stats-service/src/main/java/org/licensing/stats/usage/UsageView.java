package org.licensing.stats.usage;

import java.time.OffsetDateTime;

/** Usage of one scope as the API shows it: seconds and requirement 003's human form. */
public record UsageView(String scope, String id, long logins, long usageSeconds, String usageTime, long heartbeats,
        OffsetDateTime firstSeenAt, OffsetDateTime lastSeenAt) {

    public static UsageView of(String scope, String id, long logins, long seconds, long heartbeats,
            OffsetDateTime first, OffsetDateTime last) {
        return new UsageView(scope, id, logins, seconds, UsageDuration.format(seconds), heartbeats, first, last);
    }
}
