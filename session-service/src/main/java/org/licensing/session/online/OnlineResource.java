package org.licensing.session.online;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.licensing.common.auth.Roles;
import org.licensing.common.problem.ProblemException;
import org.licensing.common.redis.RedisKeys;
import org.licensing.session.access.AccessGuard;
import org.licensing.common.auth.Caller;
import org.licensing.session.sessions.SessionKeys;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.sortedset.ScoreRange;
import io.quarkus.redis.datasource.sortedset.ZRangeArgs;
import io.smallrye.mutiny.Uni;

/**
 * Who is online, from Redis only (the heartbeat script keeps the flags and the per-license and
 * global sets scored by expiry); PostgreSQL is read only to check that the caller may see the device.
 */
@Path("/api/v1/online")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.ADMIN, Roles.SELLER, Roles.CUSTOMER, Roles.CLIENT })
public class OnlineResource {

    static final int MAX_LISTED = 1000;

    private final ReactiveRedisDataSource redis;
    private final AccessGuard guard;
    private final JsonWebToken jwt;
    private final SellerOnline sellers;

    public OnlineResource(ReactiveRedisDataSource redis, AccessGuard guard, JsonWebToken jwt, SellerOnline sellers) {
        this.redis = redis;
        this.guard = guard;
        this.jwt = jwt;
        this.sellers = sellers;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OnlineDevice(long deviceId, long licenseId, boolean online, String sessionId, Instant lastHeartbeatAt) {}

    public record OnlineLicense(long licenseId, long onlineDevices, List<Long> deviceIds) {}

    public record OnlineTotal(long onlineDevices) {}

    @GET
    @Path("/devices/{id}")
    public Uni<OnlineDevice> device(@PathParam("id") long deviceId) {
        return guard.device(Caller.ofAnyToken(jwt), deviceId).chain(access -> redis.value(String.class)
                .get(RedisKeys.deviceOnline(deviceId))
                .chain(sid -> sid == null
                        ? Uni.createFrom().item(new OnlineDevice(deviceId, access.device().licenseId(), false, null, null))
                        : redis.hash(String.class).hget(RedisKeys.session(sid), "last").map(last -> new OnlineDevice(deviceId,
                                access.device().licenseId(), true, sid,
                                last == null ? null : Instant.ofEpochMilli(Long.parseLong(last))))));
    }

    @GET
    @Path("/licenses/{id}")
    public Uni<OnlineLicense> license(@PathParam("id") long licenseId) {
        String key = SessionKeys.onlineOfLicense(licenseId);
        ScoreRange<Double> live = ScoreRange.from(System.currentTimeMillis(), Double.POSITIVE_INFINITY);
        return guard.license(Caller.ofAnyToken(jwt), licenseId)
                .chain(() -> redis.sortedSet(String.class).zcount(key, live))
                .chain(count -> redis.sortedSet(String.class)
                        .zrangebyscore(key, live, new io.quarkus.redis.datasource.sortedset.ZRangeArgs().limit(0, MAX_LISTED))
                        .map(ids -> new OnlineLicense(licenseId, count, ids.stream().map(Long::parseLong).toList())));
    }

    /** Devices online now across a seller's licenses: the seller itself, or an admin. */
    @GET
    @Path("/sellers/{id}")
    public Uni<SellerOnline.OnlineSeller> seller(@PathParam("id") long sellerId) {
        Caller caller = Caller.of(jwt);
        if (!caller.isAdmin() && !(Roles.SELLER.equals(caller.role()) && caller.accountId() == sellerId)) {
            throw ProblemException.forbidden("Only the seller itself and administrators see a seller's online devices");
        }
        return sellers.count(sellerId);
    }

    /** Online devices across the platform (admins). */
    @GET
    public Uni<OnlineTotal> total() {
        if (!Caller.ofAnyToken(jwt).isAdmin()) {
            throw ProblemException.forbidden("Only administrators see the global count");
        }
        return redis.sortedSet(String.class)
                .zcount(SessionKeys.ONLINE_ALL, ScoreRange.from(System.currentTimeMillis(), Double.POSITIVE_INFINITY))
                .map(OnlineTotal::new);
    }
}
