package org.licensing.session.sessions;

import java.util.ArrayList;
import java.util.List;

import org.licensing.common.auth.TokenBlacklist;
import org.licensing.common.licenses.LicenseSnapshots;
import org.licensing.common.ratelimit.RateLimiter;
import org.licensing.common.redis.RedisKeys;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * A heartbeat on a Redis Cluster, where the heartbeat script may touch only its session partition's slot.
 * What standalone Redis reads inside the script is read first, in parallel: the address checks (their own
 * small script on the {@code {ip}} slot, {@code addresscheck.lua}) and the four flags other services push
 * (one MGET, which the cluster client splits by slot); the script gets the flags as arguments. So a beat
 * costs two round trips of latency instead of one, and three calls.
 *
 * <p>The stream entry goes to a stream partition in another slot, so the script returns its fields and the
 * entry is appended right after ({@code XADD}). A crash between the two loses that one beat's stream entry
 * (stats-service never sees that beat), not the usage credited in the session hash, which reaches PostgreSQL
 * when the session closes; an entry is never appended twice for one beat, and
 * its id {@code sid:seq} lets the consumer drop a duplicate anyway.
 *
 * <p>A legacy beat (key hash + client device id) first resolves license, device, session and account
 * with single-key reads, one after another: legacy clients pay a few more round trips on a cluster.
 */
final class ClusterBeat {

    private final HeartbeatConnections held;
    private final SessionScripts scripts;

    ClusterBeat(HeartbeatConnections held, SessionScripts scripts) {
        this.held = held;
        this.scripts = scripts;
    }

    Uni<BeatResult> beat(String sessionId, long licenseId, long deviceRowId, String accountId, String jti, String ip) {
        return beat(sessionId, licenseId, deviceRowId, accountId, jti, ip, false, addressChecked(ip));
    }

    private Uni<Response> addressChecked(String ip) {
        return held.run(scripts.address, List.of(RateLimiter.blockKey(ip)), List.of(ip));
    }

    private Uni<BeatResult> beat(String sessionId, long licenseId, long deviceRowId, String accountId, String jti, String ip,
            boolean legacy, Uni<Response> address) {
        // four GETs, pipelined: a cross-slot MGET's replies may come back out of key order (SlotReads)
        Uni<List<String>> flags = Uni.join().all(get(TokenBlacklist.jtiKey(jti == null ? "" : jti)),
                get(TokenBlacklist.suspendedAccountKey(accountId)), get(RedisKeys.deviceBlocked(deviceRowId)),
                get(RedisKeys.licenseStatus(licenseId))).andFailFast();
        return Uni.combine().all().unis(address, flags).asTuple().chain(t -> {
            if (!"ok".equals(t.getItem1().get(0).toString())) {
                return Uni.createFrom().item(BeatResult.of(t.getItem1()));
            }
            List<String> found = t.getItem2();
            List<String> args = new ArrayList<>(8);
            args.add("c");
            args.add(sessionId);
            args.add(Long.toString(licenseId));
            args.add(legacy ? "1" : "0");
            for (String f : found) {
                args.add(f == null ? "" : f);
            }
            return held.run(scripts.heartbeat, SessionLeases.routing(licenseId), args).chain(this::appended);
        });
    }

    /** An accepted beat's reply carries its stream entry after the usage: appended here, then answered. */
    private Uni<BeatResult> appended(Response r) {
        BeatResult result = BeatResult.of(r);
        if (result.outcome() != BeatResult.Outcome.OK || r.size() <= 3) {
            return Uni.createFrom().item(result);
        }
        Request xadd = Request.cmd(Command.XADD).arg(r.get(3).toString()).arg("*");
        for (int i = 4; i < r.size(); i++) {
            xadd.arg(r.get(i).toString());
        }
        return held.send(xadd).replaceWith(result);
    }

    Uni<BeatResult> beatLegacy(String keyHash, String clientDeviceId, String ip) {
        // the address is checked before any look-up, so a blocked address learns nothing about keys
        Uni<Response> address = addressChecked(ip).memoize().indefinitely();
        return address.chain(a -> {
            if (!"ok".equals(a.get(0).toString())) {
                return Uni.createFrom().item(BeatResult.of(a));
            }
            return get(RedisKeys.licenseByKeyHash(keyHash)).chain(lic -> {
                if (lic == null || LicenseSnapshots.NO_LICENSE.equals(lic)) {
                    return Uni.createFrom().item(BeatResult.of(List.of("nolicense")));
                }
                long licenseId = Long.parseLong(lic);
                return get(RedisKeys.deviceLookup(licenseId, clientDeviceId)).chain(dev -> {
                    if (dev == null) {
                        return Uni.createFrom().item(BeatResult.of(List.of("nodevice", lic)));
                    }
                    long deviceRowId = Long.parseLong(dev);
                    return get(SessionKeys.legacySession(licenseId, deviceRowId)).chain(sid -> {
                        if (sid == null) {
                            return Uni.createFrom().item(BeatResult.of(List.of("nosession", lic, dev)));
                        }
                        Request hmget = Request.cmd(Command.HMGET).arg(RedisKeys.session(licenseId, sid)).arg("acc").arg("jti");
                        return held.send(hmget).chain(h -> beat(sid, licenseId, deviceRowId,
                                h.get(0) == null ? "" : h.get(0).toString(), h.get(1) == null ? "" : h.get(1).toString(), ip,
                                true, address));
                    });
                });
            });
        });
    }

    private Uni<String> get(String key) {
        return held.send(Request.cmd(Command.GET).arg(key)).map(r -> r == null ? null : r.toString());
    }
}
