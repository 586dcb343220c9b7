package org.licensing.stats.eventlog;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import org.licensing.common.problem.ProblemException;
import org.licensing.stats.StatsCodes;

/** Keyset position in the newest-first event list: the (created_at, id) of the last row of a page. */
public record EventCursor(Instant createdAt, String id) {

    public String encode() {
        String raw = createdAt.getEpochSecond() + ":" + createdAt.getNano() + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    public static EventCursor decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = raw.split(":", 3);
            return new EventCursor(Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])), parts[2]);
        } catch (RuntimeException e) {
            throw new ProblemException(400, StatsCodes.INVALID_CURSOR, "cursor: not a cursor returned by this API");
        }
    }
}
