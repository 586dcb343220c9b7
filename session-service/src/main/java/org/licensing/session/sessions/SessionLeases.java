package org.licensing.session.sessions;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.licensing.common.ratelimit.RateLimitConfig;
import org.licensing.common.events.StreamCeiling;
import org.licensing.common.events.StreamConfig;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/** Runs the session scripts: the only code that changes a session's live state in Redis. */
@ApplicationScoped
public class SessionLeases {

    private final ReactiveRedisDataSource redis;
    private final SessionScripts scripts;
    private final StreamConfig streams;
    private final HeartbeatConnections held;
    private final StreamCeiling ceiling;

    /** Rate-limit group of heartbeats per client address (counted inside the heartbeat script). */
    public static final String HEARTBEAT_IP_GROUP = "heartbeat-ip";

    public SessionLeases(ReactiveRedisDataSource redis, HeartbeatConnections held, SessionConfig config, StreamConfig streams,
            @ConfigProperty(name = "licensing.instance") String instance, RateLimitConfig limits, StreamCeiling ceiling) {
        this.redis = redis;
        this.held = held;
        this.streams = streams;
        this.ceiling = ceiling;
        this.scripts = new SessionScripts(config, instance, limits.rule(HEARTBEAT_IP_GROUP));
    }

    /** Outcome of {@link #open}: {@code OPENED} with the start time, or why no seat was taken. */
    public record Opened(Outcome outcome, long startedAtMillis, String detail) {
        public enum Outcome { OPENED, FULL, LEGACY_EXISTS, DEVICE_BLOCKED, LICENSE_STATUS }
    }

    /** Takes a seat (atomically against {@code maxSessions}, null = unlimited) and writes the session's live state. */
    public Uni<Opened> open(String sessionId, long licenseId, long deviceRowId, long accountId, String jti,
            long tokenExpiresMillis, Integer maxSessions, long licenseExpiresMillis, boolean legacy) {
        List<String> args = List.of(sessionId, Long.toString(licenseId), Long.toString(deviceRowId), Long.toString(accountId),
                jti == null ? "" : jti, Long.toString(tokenExpiresMillis), Integer.toString(maxSessions == null ? -1 : maxSessions),
                streams.heartbeatsPartition("device:" + deviceRowId), Long.toString(licenseExpiresMillis), legacy ? "1" : "0",
                Integer.toString(SessionKeys.leasePartition(deviceRowId)));
        return scripts.open.run(redis, List.of(), args).map(r -> switch (r.get(0).toInteger()) {
            case 1 -> new Opened(Opened.Outcome.OPENED, r.get(1).toLong(), null);
            case 2 -> new Opened(Opened.Outcome.LEGACY_EXISTS, 0, r.get(1).toString());
            case 3 -> new Opened(Opened.Outcome.DEVICE_BLOCKED, 0, r.get(1).toString());
            case 4 -> new Opened(Opened.Outcome.LICENSE_STATUS, 0, r.get(1).toString());
            default -> new Opened(Opened.Outcome.FULL, 0, r.get(1).toString());
        });
    }

    /**
     * One heartbeat of a session token: one round trip, on a held (pipelined) connection. A beat appends to
     * the heartbeat stream, so at the stream memory ceiling it is refused (503, the client beats again later).
     */
    public Uni<BeatResult> beat(String sessionId, String ip) {
        return ceiling.admit().chain(() -> held.run(scripts.heartbeat, List.of("t", ip, sessionId))).map(BeatResult::of);
    }

    /** One legacy heartbeat, resolving (key hash, client device id) to the open session in the same round trip. */
    public Uni<BeatResult> beatLegacy(String keyHash, String clientDeviceId, String ip) {
        return ceiling.admit().chain(() -> held.run(scripts.heartbeat, List.of("l", ip, keyHash, clientDeviceId))).map(BeatResult::of);
    }

    /** Ends a live session; the item is the closing entry to write, or null when it had already ended or is unknown. */
    public Uni<String> end(String sessionId, String reason) {
        return scripts.end.run(redis, List.of(), List.of(sessionId, reason))
                .map(r -> "closed".equals(r.get(0).toString()) ? r.get(1).toString() : null);
    }

    public Uni<Void> abort(String sessionId) {
        return scripts.abort.run(redis, List.of(), List.of(sessionId)).replaceWithVoid();
    }

    /**
     * Devices online now on each license (distinct devices of the live seats), with at most {@code listed} of
     * their ids, in one read-only call; the item's entries follow {@code licenseIds}.
     */
    public Uni<List<OnlineOfLicense>> online(List<Long> licenseIds, int listed) {
        List<String> args = new java.util.ArrayList<>(licenseIds.size() + 1);
        args.add(Integer.toString(listed));
        licenseIds.forEach(id -> args.add(Long.toString(id)));
        return scripts.online.run(redis, List.of(), args).map(r -> {
            List<OnlineOfLicense> out = new java.util.ArrayList<>(licenseIds.size());
            for (int i = 0; i < licenseIds.size(); i++) {
                Response entry = r.get(i);
                List<Long> ids = new java.util.ArrayList<>();
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

    /** Online devices across the platform: distinct devices of every live lease. */
    public Uni<Long> onlineTotal() {
        return scripts.online.run(redis, List.of(), List.of("all")).map(Response::toLong);
    }

    /** Moves sessions whose lease ran out to the closing set; returns how many. */
    public Uni<Integer> reap() {
        return scripts.reap.run(redis, List.of(), List.of()).map(Response::toInteger);
    }

    /** The oldest closing entries (ended sessions whose PostgreSQL write is pending). */
    public Uni<List<String>> closing(int batch) {
        return redis.sortedSet(String.class).zrange(SessionKeys.CLOSING, 0, batch - 1L);
    }

    public Uni<Void> closed(String member) {
        return redis.sortedSet(String.class).zrem(SessionKeys.CLOSING, member).replaceWithVoid();
    }
}
