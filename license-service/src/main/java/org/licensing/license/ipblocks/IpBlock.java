package org.licensing.license.ipblocks;

import java.time.OffsetDateTime;
import java.util.List;

/** One blocked address, as the services recorded it: why, since when, until when, where it was counted. */
public record IpBlock(String ipAddress, String reason, OffsetDateTime since, OffsetDateTime until, long requestCount,
        List<String> services, List<String> endpoints) {}
