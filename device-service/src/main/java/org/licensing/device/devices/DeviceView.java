package org.licensing.device.devices;

import java.time.OffsetDateTime;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;

/**
 * A device as the API shows it. The HWID hash is never shown ({@code hwid_bound} says whether one
 * is set). {@code online} comes from session-service's flag; {@code usage_seconds} from
 * stats-service's per-device totals (list only).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeviceView(long id, long licenseId, Long accountId, String deviceId, String name, String userName,
        boolean hwidBound, Map<String, Object> fingerprint, String ipAddress, String countryCode, String userAgent,
        OffsetDateTime firstSeenAt, OffsetDateTime lastSeenAt, OffsetDateTime boundAt, OffsetDateTime unboundAt,
        boolean bound, boolean blocked, String blockedReason, OffsetDateTime blockedAt, String state, Boolean online,
        Long usageSeconds) {

    public static final String COLUMNS = "id, license_id, account_id, device_id, hwid_hash, name, user_name, fingerprint,"
            + " ip_address, country_code, user_agent, first_seen_at, last_seen_at, bound_at, unbound_at, bound, blocked,"
            + " blocked_reason, blocked_at";

    public static String state(boolean bound, boolean blocked) {
        return blocked ? "BLOCKED" : bound ? "BOUND" : "UNBOUND";
    }

    public static DeviceView from(Row r) {
        Object fp = r.getValue("fingerprint");
        Map<String, Object> fingerprint = fp instanceof JsonObject o ? o.getMap() : null;
        boolean bound = r.getBoolean("bound");
        boolean blocked = r.getBoolean("blocked");
        String country = r.getString("country_code");
        return new DeviceView(r.getLong("id"), r.getLong("license_id"), r.getLong("account_id"), r.getString("device_id"),
                r.getString("name"), r.getString("user_name"), r.getString("hwid_hash") != null, fingerprint,
                r.getString("ip_address"), country == null ? null : country.trim(), r.getString("user_agent"),
                r.getOffsetDateTime("first_seen_at"), r.getOffsetDateTime("last_seen_at"), r.getOffsetDateTime("bound_at"),
                r.getOffsetDateTime("unbound_at"), bound, blocked, r.getString("blocked_reason"),
                r.getOffsetDateTime("blocked_at"), state(bound, blocked), null, null);
    }

    public DeviceView withOnline(boolean isOnline) {
        return new DeviceView(id, licenseId, accountId, deviceId, name, userName, hwidBound, fingerprint, ipAddress,
                countryCode, userAgent, firstSeenAt, lastSeenAt, boundAt, unboundAt, bound, blocked, blockedReason, blockedAt,
                state, isOnline, usageSeconds);
    }

    public DeviceView withUsageSeconds(long seconds) {
        return new DeviceView(id, licenseId, accountId, deviceId, name, userName, hwidBound, fingerprint, ipAddress,
                countryCode, userAgent, firstSeenAt, lastSeenAt, boundAt, unboundAt, bound, blocked, blockedReason, blockedAt,
                state, online, seconds);
    }
}
