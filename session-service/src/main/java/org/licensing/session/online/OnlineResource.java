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
import org.licensing.session.sessions.SessionLeases;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;

/**
 * Who is online, from Redis only (the device's online flag; the license's seats and the lease sets, scored
 * by lease end, which the heartbeat renews); PostgreSQL is read only to check that the caller may see it.
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
    private final SessionLeases leases;

    public OnlineResource(ReactiveRedisDataSource redis, AccessGuard guard, JsonWebToken jwt, SellerOnline sellers,
            SessionLeases leases) {
        this.redis = redis;
        this.guard = guard;
        this.jwt = jwt;
        this.sellers = sellers;
        this.leases = leases;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OnlineDevice(long deviceId, long licenseId, boolean online, String sessionId, Instant lastHeartbeatAt) {}

    public record OnlineLicense(long licenseId, long onlineDevices, List<Long> deviceIds) {}

    public record OnlineTotal(long onlineDevices) {}

    @GET
    @Path("/devices/{id}")
    public Uni<OnlineDevice> device(@PathParam("id") long deviceId) {
        return guard.device(Caller.ofAnyToken(jwt), deviceId).chain(access -> redis.value(String.class)
                .get(RedisKeys.deviceOnline(access.device().licenseId(), deviceId))
                .chain(sid -> sid == null
                        ? Uni.createFrom().item(new OnlineDevice(deviceId, access.device().licenseId(), false, null, null))
                        : redis.hash(String.class).hget(RedisKeys.session(access.device().licenseId(), sid), "last").map(last -> new OnlineDevice(deviceId,
                                access.device().licenseId(), true, sid,
                                last == null ? null : Instant.ofEpochMilli(Long.parseLong(last))))));
    }

    @GET
    @Path("/licenses/{id}")
    public Uni<OnlineLicense> license(@PathParam("id") long licenseId) {
        return guard.license(Caller.ofAnyToken(jwt), licenseId)
                .chain(() -> leases.online(List.of(licenseId), MAX_LISTED))
                .map(found -> new OnlineLicense(licenseId, found.get(0).onlineDevices(), found.get(0).deviceIds()));
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
        return leases.onlineTotal().map(OnlineTotal::new);
    }
}
