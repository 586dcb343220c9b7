package org.licensing.sdk.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/** Typed reads of parsed JSON members: absent, null or of another type give null, never an exception. */
public final class Values {

    private Values() {}

    public static String str(Map<String, Object> m, String k) {
        Object v = m == null ? null : m.get(k);
        return v instanceof String s ? s : v == null ? null : v.toString();
    }

    public static Long lng(Map<String, Object> m, String k) {
        Object v = m == null ? null : m.get(k);
        return v instanceof Number n ? Long.valueOf(n.longValue()) : null;
    }

    public static boolean bool(Map<String, Object> m, String k) {
        Object v = m == null ? null : m.get(k);
        return Boolean.TRUE.equals(v);
    }

    /** ISO-8601 instants as the platform writes them ({@code 2027-01-01T00:00:00Z}, with or without an offset). */
    public static Instant instant(Map<String, Object> m, String k) {
        Object v = m == null ? null : m.get(k);
        if (v instanceof Number n) {
            // Jackson with timestamps on writes seconds with a fraction; tolerate it
            return Instant.ofEpochMilli((long) (n.doubleValue() * 1000));
        }
        if (!(v instanceof String s) || s.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> obj(Map<String, Object> m, String k) {
        Object v = m == null ? null : m.get(k);
        return v instanceof Map ? (Map<String, Object>) v : null;
    }

    @SuppressWarnings("unchecked")
    public static List<Object> list(Map<String, Object> m, String k) {
        Object v = m == null ? null : m.get(k);
        return v instanceof List ? (List<Object>) v : null;
    }
}
