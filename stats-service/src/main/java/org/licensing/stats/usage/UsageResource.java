package org.licensing.stats.usage;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.licensing.common.auth.Roles;
import org.licensing.common.problem.ProblemException;
import org.licensing.stats.StatsCodes;
import org.licensing.common.auth.Caller;
import org.licensing.stats.access.StatsAccess;
import org.licensing.stats.aggregation.AggregationMetrics;
import org.licensing.stats.usage.UsageRepository.DeviceUsage;

import io.smallrye.mutiny.Uni;

/** Usage statistics: logins and usage time per scope, per-day series, devices online now. */
@Path("/api/v1/stats")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.ADMIN, Roles.SELLER, Roles.CUSTOMER })
public class UsageResource {

    static final int MAX_DAYS = 366;

    private final JsonWebToken jwt;
    private final UsageRepository usage;
    private final OnlineDevices online;
    private final AggregationMetrics metrics;

    public UsageResource(JsonWebToken jwt, UsageRepository usage, OnlineDevices online, AggregationMetrics metrics) {
        this.jwt = jwt;
        this.usage = usage;
        this.online = online;
        this.metrics = metrics;
    }

    /** Admin dashboard: global logins, usage time and devices online now. */
    @GET
    @Path("/global")
    public Uni<Map<String, Object>> global() {
        adminOnly();
        return usage.totals("global", "").chain(total -> online.count().map(o -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("logins", total.logins());
            out.put("usage_seconds", total.usageSeconds());
            out.put("usage_time", total.usageTime());
            out.put("heartbeats", total.heartbeats());
            out.put("online_devices", o.onlineDevices());
            out.put("last_seen_at", total.lastSeenAt());
            return out;
        }));
    }

    @GET
    @Path("/global/daily")
    public Uni<DailyUsage> globalDaily(@QueryParam("from") String from, @QueryParam("to") String to) {
        adminOnly();
        LocalDate[] range = range(from, to);
        return usage.daily("global", "", range[0], range[1]);
    }

    @GET
    @Path("/online")
    public Uni<OnlineDevices.Count> onlineNow() {
        adminOnly();
        return online.count();
    }

    @GET
    @Path("/servers")
    public Uni<List<UsageView>> servers() {
        adminOnly();
        return usage.all("server", 1000);
    }

    /** The caller's own account. */
    @GET
    @Path("/me")
    public Uni<UsageView> me() {
        Caller caller = StatsAccess.caller(jwt);
        return usage.totals("account", Long.toString(caller.accountId()));
    }

    @GET
    @Path("/accounts/{id}")
    public Uni<UsageView> account(@PathParam("id") long accountId) {
        return authorizeAccount(accountId).chain(() -> usage.totals("account", Long.toString(accountId)));
    }

    @GET
    @Path("/accounts/{id}/daily")
    public Uni<DailyUsage> accountDaily(@PathParam("id") long accountId, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        LocalDate[] range = range(from, to);
        return authorizeAccount(accountId).chain(() -> usage.daily("account", Long.toString(accountId), range[0], range[1]));
    }

    @GET
    @Path("/licenses/{id}")
    public Uni<UsageView> license(@PathParam("id") long licenseId) {
        return authorizeLicense(licenseId).chain(() -> usage.totals("license", Long.toString(licenseId)));
    }

    @GET
    @Path("/licenses/{id}/daily")
    public Uni<DailyUsage> licenseDaily(@PathParam("id") long licenseId, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        LocalDate[] range = range(from, to);
        return authorizeLicense(licenseId).chain(() -> usage.daily("license", Long.toString(licenseId), range[0], range[1]));
    }

    /** Usage of every device used under the license. */
    @GET
    @Path("/licenses/{id}/devices")
    public Uni<List<UsageView>> licenseDevices(@PathParam("id") long licenseId) {
        return authorizeLicense(licenseId).chain(() -> usage.devicesOfLicense(licenseId));
    }

    /** Usage per day and in total across all of a seller's licenses (default: the last 30 days). */
    @GET
    @Path("/sellers/{id}/usage")
    public Uni<SellerUsage> seller(@PathParam("id") long sellerId, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        if (!StatsAccess.canReadSeller(StatsAccess.caller(jwt), sellerId)) {
            throw ProblemException.forbidden("Only the seller itself and administrators read a seller's usage");
        }
        LocalDate[] range = range(from, to);
        return usage.sellerDaily(sellerId, range[0], range[1]).map(d -> SellerUsage.of(sellerId, d));
    }

    @GET
    @Path("/devices/{id}")
    public Uni<UsageView> device(@PathParam("id") long deviceId) {
        return authorizeDevice(deviceId).map(DeviceUsage::usage);
    }

    @GET
    @Path("/devices/{id}/daily")
    public Uni<DailyUsage> deviceDaily(@PathParam("id") long deviceId, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        LocalDate[] range = range(from, to);
        return authorizeDevice(deviceId).chain(() -> usage.daily("device", Long.toString(deviceId), range[0], range[1]));
    }

    /** How fast this instance applies stream entries and how far behind the heartbeats it is (bench reads it). */
    @GET
    @Path("/aggregation")
    public Uni<Map<String, Object>> aggregation() {
        adminOnly();
        return usage.offsets().map(partitions -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("entries_applied_total", metrics.appliedTotal());
            out.put("entries_per_second", metrics.entriesPerSecond());
            out.put("heartbeat_lag_ms", metrics.heartbeatLagMs());
            out.put("last_batch_lag_ms", metrics.lastBatchLagMs());
            out.put("partitions", partitions);
            return out;
        });
    }

    private void adminOnly() {
        if (!StatsAccess.canReadGlobal(StatsAccess.caller(jwt))) {
            throw ProblemException.forbidden("Global statistics are for administrators");
        }
    }

    private Uni<Void> authorizeAccount(long accountId) {
        Caller caller = StatsAccess.caller(jwt);
        Uni<Boolean> serves = caller.isSeller() && caller.accountId() != accountId
                ? usage.sellerServes(caller.accountId(), accountId) : Uni.createFrom().item(false);
        return usage.accountExists(accountId).chain(exists -> {
            if (!exists) {
                throw ProblemException.notFound(StatsCodes.ACCOUNT_NOT_FOUND, "No account " + accountId);
            }
            return serves;
        }).invoke(s -> {
            if (!StatsAccess.canReadAccount(caller, accountId, s)) {
                throw ProblemException.forbidden("You may not read the statistics of account " + accountId);
            }
        }).replaceWithVoid();
    }

    private Uni<Void> authorizeLicense(long licenseId) {
        Caller caller = StatsAccess.caller(jwt);
        return usage.license(licenseId).invoke(l -> {
            if (l.isEmpty()) {
                throw ProblemException.notFound(StatsCodes.LICENSE_NOT_FOUND, "No license " + licenseId);
            }
            if (!StatsAccess.canReadLicense(caller, l.get())) {
                throw ProblemException.forbidden("You may not read the statistics of license " + licenseId);
            }
        }).replaceWithVoid();
    }

    /** A device is known here once it sent a heartbeat or started a session; access follows its license. */
    private Uni<DeviceUsage> authorizeDevice(long deviceId) {
        Caller caller = StatsAccess.caller(jwt);
        return usage.device(Long.toString(deviceId)).chain(d -> {
            if (d.isEmpty()) {
                throw ProblemException.notFound(StatsCodes.DEVICE_NOT_FOUND, "No usage recorded for device " + deviceId);
            }
            if (caller.isAdmin()) {
                return Uni.createFrom().item(d.get());
            }
            Long licenseId = d.get().licenseId();
            if (licenseId == null) {
                throw ProblemException.forbidden("You may not read the statistics of device " + deviceId);
            }
            return authorizeLicense(licenseId).replaceWith(d.get());
        });
    }

    /** [from, to] in UTC days; default the last 30 days; at most 366 days. */
    public static LocalDate[] range(String from, String to) {
        LocalDate end = to == null || to.isBlank() ? LocalDate.now(ZoneOffset.UTC) : date("to", to);
        LocalDate start = from == null || from.isBlank() ? end.minusDays(29) : date("from", from);
        if (start.isAfter(end)) {
            throw ProblemException.invalidField("from", "must not be after to");
        }
        if (ChronoUnit.DAYS.between(start, end) >= MAX_DAYS) {
            throw new ProblemException(400, StatsCodes.RANGE_TOO_LARGE, "At most " + MAX_DAYS + " days per series");
        }
        return new LocalDate[] { start, end };
    }

    private static LocalDate date(String field, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(field, "must be a date like 2026-11-22");
        }
    }
}
