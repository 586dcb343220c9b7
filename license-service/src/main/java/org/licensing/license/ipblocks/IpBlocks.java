package org.licensing.license.ipblocks;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.licensing.common.auth.Caller;
import org.licensing.common.events.EventEnvelope;
import org.licensing.common.events.EventTypes;
import org.licensing.common.net.IpRange;
import org.licensing.common.outbox.Outbox;
import org.licensing.common.outbox.OutboxRelay;
import org.licensing.common.problem.ProblemException;
import org.licensing.common.ratelimit.RateLimiter;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/** IP blocks for administrators: list the active ones, lift one. */
@ApplicationScoped
public class IpBlocks {

    public static final String IP_BLOCK_NOT_FOUND = "IP_BLOCK_NOT_FOUND";

    private final IpBlockRepository records;
    private final ReactiveRedisDataSource redis;
    private final Pool pool;
    private final Outbox outbox;
    private final OutboxRelay relay;

    public IpBlocks(IpBlockRepository records, ReactiveRedisDataSource redis, Pool pool, Outbox outbox, OutboxRelay relay) {
        this.records = records;
        this.redis = redis;
        this.pool = pool;
        this.outbox = outbox;
        this.relay = relay;
    }

    public Uni<List<IpBlock>> list(Caller caller) {
        adminOnly(caller);
        return records.active(null);
    }

    /**
     * 1. the address is an IP literal (400 naming {@code ip}); 2. it is blocked: a record or the Redis key
     * (404 otherwise); 3. delete the key that enforces the block and the violations that would block it again
     * at once; 4. record the lift and the {@code ip.unblocked} event in one transaction.
     */
    public Uni<IpBlock> lift(Caller caller, String rawIp, String ip) {
        adminOnly(caller);
        if (IpRange.literal(rawIp) == null) {
            throw ProblemException.invalidField("ip", "must be an IPv4 or IPv6 address");
        }
        return records.active(ip).chain(found -> redis.key().exists(RateLimiter.blockKey(ip)).map(enforced -> {
            if (found.isEmpty() && !enforced) {
                throw ProblemException.notFound(IP_BLOCK_NOT_FOUND, "The address " + ip + " is not blocked");
            }
            return found.isEmpty() ? new IpBlock(ip, null, null, null, 0, List.of(), List.of()) : found.get(0);
        })).call(() -> redis.key().del(RateLimiter.blockKey(ip), RateLimiter.violationsKey(ip)))
                .call(block -> pool.withTransaction(tx -> records.recordLift(tx, ip, caller.accountId())
                        .chain(() -> outbox.append(tx, EventEnvelope.of(EventTypes.IP_UNBLOCKED).actor(caller.accountId())
                                .ip(ip).source("license-service")
                                .data(Map.of("ip_address", ip, "services", block.services(),
                                        "reason", block.reason() == null ? "" : block.reason())).build()))))
                .invoke(relay::kick);
    }

    private static void adminOnly(Caller caller) {
        if (!caller.isAdmin()) {
            throw ProblemException.forbidden("IP blocks are for administrators");
        }
    }
}
