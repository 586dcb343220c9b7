package org.licensing.session.sessions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.licensing.common.events.StreamCeiling;
import org.licensing.common.events.StreamConfig;
import org.licensing.common.ratelimit.RateLimitConfig;
import org.licensing.common.redis.RedisKeys;
import org.licensing.common.redis.RedisTopology;
import org.licensing.common.redis.SlotReads;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * Runs the session scripts: the only code that changes a session's live state in Redis. Each call declares
 * one key of its session partition ({@link SessionKeys#leases}), which a Redis Cluster routes by. What a
 * cluster keeps in other slots (the heartbeat's address and flags, its stream) is read and appended by
 * {@link ClusterBeat}; on standalone Redis the scripts do it themselves, so a heartbeat stays one round trip.
 */
@ApplicationScoped
public class SessionLeases {

    /** Rate-limit group of heartbeats per client address (counted inside the heartbeat script). */
    public static final String HEARTBEAT_IP_GROUP = "heartbeat-ip";
    /** Script calls in flight at once when a Redis Cluster is walked partition by partition. */
    static final int CONCURRENCY = 8;

    private final ReactiveRedisDataSource redis;
    private final SessionScripts scripts;
    private final StreamConfig streams;
    private final HeartbeatConnections held;
    private final StreamCeiling ceiling;
    private final boolean cluster;
    private final SlotReads reads;
    private final ClusterBeat clusterBeat;

    public SessionLeases(ReactiveRedisDataSource redis, HeartbeatConnections held, SessionConfig config, StreamConfig streams,
            @ConfigProperty(name = "licensing.instance") String instance, RateLimitConfig limits, StreamCeiling ceiling,
            RedisTopology topology, SlotReads reads) {
        this.reads = reads;
        this.redis = redis;
        this.held = held;
        this.streams = streams;
        this.ceiling = ceiling;
        this.scripts = new SessionScripts(config, instance, limits.rule(HEARTBEAT_IP_GROUP));
        this.cluster = topology.cluster();
        this.clusterBeat = new ClusterBeat(held, scripts);
    }

    SessionScripts scripts() {
        return scripts;
    }

    /** The key a script of this license's partition declares (what a cluster routes the call by). */
    static List<String> routing(long licenseId) {
        return List.of(SessionKeys.leases(RedisKeys.sessionPartition(licenseId)));
    }

    /** Outcome of {@link #open}: {@code OPENED} with the start time, or why no seat was taken. */
    public record Opened(Outcome outcome, long startedAtMillis, String detail) {
        public enum Outcome { OPENED, FULL, LEGACY_EXISTS, DEVICE_BLOCKED, LICENSE_STATUS }
    }

    /** Takes a seat (atomically against {@code maxSessions}, null = unlimited) and writes the session's live state. */
    public Uni<Opened> open(String sessionId, long licenseId, long deviceRowId, long accountId, String jti,
            long tokenExpiresMillis, Integer maxSessions, long licenseExpiresMillis, boolean legacy) {
        List<String> args = new ArrayList<>(List.of(sessionId, Long.toString(licenseId), Long.toString(deviceRowId),
                Long.toString(accountId), jti == null ? "" : jti, Long.toString(tokenExpiresMillis),
                Integer.toString(maxSessions == null ? -1 : maxSessions), streams.heartbeatsPartition("device:" + deviceRowId),
                Long.toString(licenseExpiresMillis), legacy ? "1" : "0"));
        // on a cluster the owners' flags live in other slots: read them first
        Uni<List<String>> flags = !cluster ? Uni.createFrom().item(List.of("0", "", ""))
                : reads.get(List.of(RedisKeys.deviceBlocked(deviceRowId), RedisKeys.licenseStatus(licenseId)))
                        .map(m -> List.of("1", orEmpty(m.get(RedisKeys.deviceBlocked(deviceRowId))),
                                orEmpty(m.get(RedisKeys.licenseStatus(licenseId)))));
        return flags.chain(f -> {
            args.addAll(f);
            return scripts.open.run(redis, routing(licenseId), args);
        }).map(r -> switch (r.get(0).toInteger()) {
            case 1 -> new Opened(Opened.Outcome.OPENED, r.get(1).toLong(), null);
            case 2 -> new Opened(Opened.Outcome.LEGACY_EXISTS, 0, r.get(1).toString());
            case 3 -> new Opened(Opened.Outcome.DEVICE_BLOCKED, 0, r.get(1).toString());
            case 4 -> new Opened(Opened.Outcome.LICENSE_STATUS, 0, r.get(1).toString());
            default -> new Opened(Opened.Outcome.FULL, 0, r.get(1).toString());
        });
    }

    static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /**
     * One heartbeat of a session token, on a held (pipelined) connection: one round trip on standalone Redis
     * ({@link ClusterBeat} for a cluster). A beat appends to the heartbeat stream, so at the stream memory
     * ceiling it is refused (503, the client beats again later).
     */
    public Uni<BeatResult> beat(String sessionId, long licenseId, long deviceRowId, String accountId, String jti, String ip) {
        if (cluster) {
            return ceiling.admit().chain(() -> clusterBeat.beat(sessionId, licenseId, deviceRowId, accountId, jti, ip));
        }
        return ceiling.admit().chain(() -> held.run(scripts.heartbeat, routing(licenseId),
                List.of("t", ip, sessionId, Long.toString(licenseId)))).map(BeatResult::of);
    }

    /** One legacy heartbeat, resolving (key hash, client device id) to the open session in the same round trip. */
    public Uni<BeatResult> beatLegacy(String keyHash, String clientDeviceId, String ip) {
        if (cluster) {
            return ceiling.admit().chain(() -> clusterBeat.beatLegacy(keyHash, clientDeviceId, ip));
        }
        // the license is not known before the script reads it: standalone only, where any key routes anywhere
        return ceiling.admit().chain(() -> held.run(scripts.heartbeat, List.of(RedisKeys.licenseByKeyHash(keyHash)),
                List.of("l", ip, keyHash, clientDeviceId))).map(BeatResult::of);
    }

    /** Ends a live session; the item is the closing entry to write, or null when it had already ended or is unknown. */
    public Uni<String> end(String sessionId, long licenseId, String reason) {
        return scripts.end.run(redis, routing(licenseId), List.of(sessionId, Long.toString(licenseId), reason))
                .map(r -> "closed".equals(r.get(0).toString()) ? r.get(1).toString() : null);
    }

    public Uni<Void> abort(String sessionId, long licenseId) {
        return scripts.abort.run(redis, routing(licenseId), List.of(sessionId, Long.toString(licenseId))).replaceWithVoid();
    }

    /**
     * Devices online now on each license (distinct devices of the live seats), with at most {@code listed} of
     * their ids; the item's entries follow {@code licenseIds}. One read-only call on standalone Redis, one per
     * session partition on a cluster.
     */
    public Uni<List<OnlineOfLicense>> online(List<Long> licenseIds, int listed) {
        Map<Integer, List<Long>> groups = new LinkedHashMap<>();
        for (Long id : licenseIds) {
            groups.computeIfAbsent(cluster ? RedisKeys.sessionPartition(id) : 0, k -> new ArrayList<>()).add(id);
        }
        return Multi.createFrom().iterable(groups.values())
                .onItem().transformToUni(group -> onlineOf(group, listed)).merge(CONCURRENCY)
                .collect().in(LinkedHashMap<Long, OnlineOfLicense>::new, (m, found) -> found.forEach(o -> m.put(o.licenseId(), o)))
                .map(m -> licenseIds.stream().map(m::get).toList());
    }

    private Uni<List<OnlineOfLicense>> onlineOf(List<Long> licenseIds, int listed) {
        List<String> args = new ArrayList<>(licenseIds.size() + 1);
        args.add(Integer.toString(listed));
        licenseIds.forEach(id -> args.add(Long.toString(id)));
        return scripts.online.run(redis, routing(licenseIds.get(0)), args).map(r -> {
            List<OnlineOfLicense> out = new ArrayList<>(licenseIds.size());
            for (int i = 0; i < licenseIds.size(); i++) {
                Response entry = r.get(i);
                List<Long> ids = new ArrayList<>();
                for (int j = 1; j < entry.size(); j++) {
                    ids.add(entry.get(j).toLong());
                }
                out.add(new OnlineOfLicense(licenseIds.get(i), entry.get(0).toLong(), ids));
            }
            return out;
        });
    }

    /** Online devices of one license: how many, and the first of their ids. */
    public record OnlineOfLicense(long licenseId, long onlineDevices, List<Long> deviceIds) {}

    /** Online devices across the platform: distinct devices of every live lease (partitions add up). */
    public Uni<Long> onlineTotal() {
        return Multi.createFrom().iterable(partitionGroups())
                .onItem().transformToUni(group -> {
                    List<String> args = new ArrayList<>(group.size() + 1);
                    args.add("all");
                    group.forEach(p -> args.add(Integer.toString(p)));
                    return scripts.online.run(redis, List.of(SessionKeys.leases(group.get(0))), args).map(Response::toLong);
                }).merge(CONCURRENCY)
                .collect().with(java.util.stream.Collectors.summingLong(Long::longValue));
    }

    /**
     * How the reaper and the online total walk the session partitions: all in one call on standalone Redis
     * (cheap when idle: one script), one call per partition on a cluster (each is one slot).
     */
    public List<List<Integer>> partitionGroups() {
        List<List<Integer>> groups = new ArrayList<>();
        List<Integer> all = new ArrayList<>(RedisKeys.SESSION_PARTITIONS);
        for (int p = 0; p < RedisKeys.SESSION_PARTITIONS; p++) {
            if (cluster) {
                groups.add(List.of(p));
            } else {
                all.add(p);
            }
        }
        if (!cluster) {
            groups.add(all);
        }
        return groups;
    }

    /** What one sweep of some partitions did: how many leases it reaped, and the oldest closing entries there. */
    public record Swept(int reaped, List<String> closing) {}

    /** Moves sessions of these partitions whose lease ran out to their closing sets; lists the pending entries. */
    public Uni<Swept> sweep(List<Integer> partitions) {
        List<String> args = partitions.stream().map(String::valueOf).toList();
        return scripts.reap.run(redis, List.of(SessionKeys.leases(partitions.get(0))), args).map(r -> {
            List<String> closing = new ArrayList<>(r.size() - 1);
            for (int i = 1; i < r.size(); i++) {
                closing.add(r.get(i).toString());
            }
            return new Swept(r.get(0).toInteger(), closing);
        });
    }

    /** Removes a written closing entry from its partition's set (an unreadable one: from every partition's). */
    public Uni<Void> closed(String member) {
        int p = ClosingEntry.partitionOf(member);
        if (p >= 0) {
            return redis.sortedSet(String.class).zrem(SessionKeys.closing(p), member).replaceWithVoid();
        }
        return Multi.createFrom().range(0, RedisKeys.SESSION_PARTITIONS)
                .onItem().transformToUniAndConcatenate(i -> redis.sortedSet(String.class).zrem(SessionKeys.closing(i), member))
                .collect().last().replaceWithVoid();
    }
}
