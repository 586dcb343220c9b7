package org.licensing.license.metering;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Usage of one license: every counter of the metric(s) with its limit and window end. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UsageReport(long licenseId, Boolean accepted, List<Entry> counters) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(String metric, String window, String limitKey, long used, Long limit, Long remaining,
            Instant resetsAt) {}

    public static UsageReport of(long licenseId, Boolean accepted, List<UsageLimits.Reading> readings) {
        return new UsageReport(licenseId, accepted, readings.stream().map(r -> new Entry(r.counter().metric().label(),
                r.counter().window().label(), r.counter().limitKey(), r.used(), r.counter().limit(),
                r.counter().limit() == null ? null : Math.max(0, r.counter().limit() - r.used()), r.counter().resetsAt()))
                .toList());
    }
}
