package org.licensing.session.sessions;

import java.util.ArrayList;
import java.util.List;

import io.vertx.mutiny.redis.client.Response;

/**
 * What the heartbeat script ({@code redis/session/heartbeat.lua}) answered, typed: the only place that
 * knows the positions of its reply. Fields that an outcome does not carry are null / 0.
 */
public record BeatResult(Outcome outcome, String sessionId, long credited, long usage, long retryMillis, String reason,
        String detail, long licenseId, long deviceId) {

    public enum Outcome {
        /** Credited: {@link #credited} seconds now, {@link #usage} in total. */
        OK,
        /** The device beats too often; retry after {@link #retryMillis}. */
        RATE_LIMITED,
        /** The client address is blocked by the rate limiter; for {@link #retryMillis}. */
        ADDRESS_BLOCKED,
        /** The client address beats too often; retry after {@link #retryMillis}. */
        ADDRESS_RATE_LIMITED,
        /** The session ended now or before: {@link #reason}, maybe with a {@link #detail}. */
        ENDED,
        /** No such session (or long gone). */
        GONE,
        /** Legacy only: the key hash names no license (cache miss or none). */
        NO_LICENSE,
        /** Legacy only: the license ({@link #licenseId}) has no cached device of that client id. */
        NO_DEVICE,
        /** Legacy only: license and device known, no open session. */
        NO_SESSION,
        /** A reply this build does not know. */
        UNKNOWN
    }

    public static BeatResult of(Response r) {
        List<String> parts = new ArrayList<>(r.size());
        for (int i = 0; i < r.size(); i++) {
            Response p = r.get(i);
            parts.add(p == null ? null : p.toString());
        }
        return of(parts);
    }

    /** The reply as strings, in the order the script returns it. */
    public static BeatResult of(List<String> r) {
        String kind = r.isEmpty() ? "" : r.get(0);
        return switch (kind) {
            case "ok" -> new BeatResult(Outcome.OK, null, num(r, 1), num(r, 2), 0, null, null, 0, 0);
            case "rate" -> retry(Outcome.RATE_LIMITED, num(r, 1));
            case "ipblocked" -> retry(Outcome.ADDRESS_BLOCKED, num(r, 1));
            case "iprate" -> retry(Outcome.ADDRESS_RATE_LIMITED, num(r, 1));
            case "ended" -> new BeatResult(Outcome.ENDED, str(r, 1), 0, 0, 0, str(r, 2), str(r, 3), 0, 0);
            case "gone" -> new BeatResult(Outcome.GONE, str(r, 1), 0, 0, 0, null, null, 0, 0);
            case "nolicense" -> new BeatResult(Outcome.NO_LICENSE, null, 0, 0, 0, null, null, 0, 0);
            case "nodevice" -> new BeatResult(Outcome.NO_DEVICE, null, 0, 0, 0, null, null, num(r, 1), 0);
            case "nosession" -> new BeatResult(Outcome.NO_SESSION, null, 0, 0, 0, null, null, num(r, 1), num(r, 2));
            default -> new BeatResult(Outcome.UNKNOWN, str(r, 1), 0, 0, 0, null, null, 0, 0);
        };
    }

    private static BeatResult retry(Outcome outcome, long millis) {
        return new BeatResult(outcome, null, 0, 0, millis, null, null, 0, 0);
    }

    private static String str(List<String> r, int i) {
        return r.size() > i ? r.get(i) : null;
    }

    private static long num(List<String> r, int i) {
        String s = str(r, i);
        return s == null || s.isEmpty() ? 0 : Long.parseLong(s);
    }
}
