package org.licensing.device.resets;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What a reset did; the counters are present when the reset counted against the caller's allowance. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResetResult(long licenseId, int resetDevices, List<Long> deviceIds, Boolean limited, Integer resetsUsed,
        Integer resetsPerPeriod, Integer resetsRemaining, Instant periodEndsAt, Instant nextResetAt) {}
