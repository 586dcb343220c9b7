package org.licensing.common.input;

import java.util.Map;

/**
 * The one table of input limits (docs/security.md "Input limits and failure answers" lists it).
 * Every string a client sends, in a JSON body, a form, a query or a path, is looked up here by
 * its field name (snake_case, as on the wire; for a list element, the list's name). A field not
 * named here is free text of at most {@link #DEFAULT_TEXT} characters. Bean Validation
 * annotations on request records may narrow a field further; they never widen it.
 */
public final class InputLimits {

    /** How a field's characters are checked (NUL is refused in every kind). */
    public enum Kind {
        /** Names and identifiers: no control character at all (C0, DEL, C1). */
        IDENTIFIER,
        /** Free text: tab, line feed and carriage return allowed, other control characters refused. */
        TEXT,
        /** A JSON object or array given as a value (fingerprint, session data): its serialised length. */
        JSON
    }

    public record Limit(Kind kind, int maxLength) {}

    /** Free text not named below. */
    public static final int DEFAULT_TEXT = 2048;
    /** A path segment (ids in URLs). */
    public static final int PATH_SEGMENT = 256;
    /** A JSON object or array not named below (the body of a PATCH, nested values). */
    public static final int DEFAULT_JSON = 64 * 1024;

    private static final Map<String, Limit> FIELDS = Map.ofEntries(
            // keys and tokens
            id("key", 256), id("keys", 256), id("license_key", 256), id("refresh_token", 4096), id("token", 4096),
            // devices and clients
            id("device_id", 255), id("hwid", 1024), id("fingerprint", 16 * 1024), id("client_version", 50),
            id("language", 10), id("connection_type", 50), id("ip", 45), id("ip_restrictions", 64),
            // validation context (anonymous: copied into events, so kept short)
            id("domain", 253), id("domain_restrictions", 253), id("product", 64), id("product_code", 64), id("code", 64),
            // people and accounts
            id("username", 254), id("login", 254), id("email", 254), id("owner", 254), id("to", 254), id("q", 254),
            id("name", 255), id("user_name", 255), id("seller_name", 255), id("password", 256),
            // enumerations and small values
            id("role", 32), id("status", 32), id("type", 64), id("kind", 32), id("metric", 64), id("privilege", 32),
            id("term", 32), id("license_class", 32), id("key_scheme", 32), id("channel", 32), id("version", 64),
            id("events", 64), id("sha256", 128), id("cursor", 512), id("expiring_before", 64), id("from", 64),
            id("until", 64), id("expires_at", 64), id("sort", 64),
            id("url", 2048), id("download_url", 2048),
            // free text
            text("reason", 1000), text("notes", 4000), text("description", 4000), text("message", 2000),
            text("note", 2000), text("decision_note", 2000), text("changelog", 20_000),
            // structured values
            json("session_data", 8 * 1024), json("usage_limits", 2048),
            json("metadata", 8 * 1024));

    private InputLimits() {}

    /** The limit of a field; free text of {@link #DEFAULT_TEXT} when the field is not listed. */
    public static Limit of(String field) {
        Limit l = field == null ? null : FIELDS.get(field);
        return l != null ? l : new Limit(Kind.TEXT, DEFAULT_TEXT);
    }

    /** The limit of a JSON object or array given as the value of a field. */
    public static int jsonLength(String field) {
        Limit l = field == null ? null : FIELDS.get(field);
        if (l == null) {
            return DEFAULT_JSON;
        }
        // a field listed as a string may also arrive as an object (an activation's fingerprint)
        return l.kind() == Kind.JSON || l.maxLength() >= 1024 ? l.maxLength() : DEFAULT_JSON;
    }

    /** Every listed field, for the documentation test. */
    public static Map<String, Limit> all() {
        return FIELDS;
    }

    private static Map.Entry<String, Limit> id(String name, int max) {
        return Map.entry(name, new Limit(Kind.IDENTIFIER, max));
    }

    private static Map.Entry<String, Limit> text(String name, int max) {
        return Map.entry(name, new Limit(Kind.TEXT, max));
    }

    private static Map.Entry<String, Limit> json(String name, int max) {
        return Map.entry(name, new Limit(Kind.JSON, max));
    }
}
