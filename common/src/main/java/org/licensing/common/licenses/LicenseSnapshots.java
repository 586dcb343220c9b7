package org.licensing.common.licenses;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.licensing.common.redis.RedisKeys;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Reads license snapshots: Redis first, license-service's read view {@code license.license_snapshots}
 * on a miss (then warms the cache); the one reader of that view.
 * license-service writes the snapshot on every change ({@link #store}) and deletes it when in doubt
 * ({@link #evict}); the status key is authoritative for the heartbeat path.
 */
@ApplicationScoped
public class LicenseSnapshots {

    public static final long TTL_SECONDS = 3600;
    /**
     * How long "no license has this key hash" is remembered, so a stream of made-up keys costs Redis,
     * not PostgreSQL. Written only if the key-hash entry is absent (SET NX), and license-service's
     * commit overwrites it, so a key issued meanwhile is never hidden.
     */
    public static final long UNKNOWN_KEY_TTL_SECONDS = 60;
    /** The value of a key-hash entry that names no license. */
    public static final String NO_LICENSE = "none";

    /**
     * license-service's published read view (its migration V40), never its tables: the columns {@link #fromRow}
     * reads, public for a statement that reads the committed license together with rows of its own
     * (device-service's activation reads it with the device and the slot count in one round trip).
     */
    public static final String SELECT = "SELECT id, product_id, product_code, seller_id, owner_account_id, status, type,"
            + " privilege, term, max_devices, max_sessions, expires_at, usage_limits, domain_restrictions, ip_restrictions"
            + " FROM license.license_snapshots";

    /** Parsed snapshots remembered (a few MB at most: a snapshot's text is a few hundred bytes). */
    static final int PARSED_ENTRIES = 8192;

    private final ReactiveRedisDataSource redis;
    private final Pool pool;
    private final ObjectMapper json;
    private final Map<String, LicenseSnapshot> parsed = new ConcurrentHashMap<>();

    public LicenseSnapshots(ReactiveRedisDataSource redis, Pool pool, ObjectMapper json) {
        this.redis = redis;
        this.pool = pool;
        this.json = json;
    }

    /** The license a key hash names, or null item when there is none. */
    public Uni<LicenseSnapshot> byKeyHash(String keyHash) {
        return redis.value(String.class).get(RedisKeys.licenseByKeyHash(keyHash)).chain(id -> byIndexEntry(keyHash, id, this::byId));
    }

    /**
     * {@link #byKeyHash} when the caller already read the key-hash entry ({@code id}, null when absent) and, if
     * that names a license, its snapshot ({@code snapshot}, null when absent) in one round trip of its own:
     * the same answers, the same PostgreSQL reads and cache warming on a miss.
     */
    public Uni<LicenseSnapshot> byKeyHash(String keyHash, String id, String snapshot) {
        return byIndexEntry(keyHash, id, licenseId -> ofCached(licenseId, snapshot));
    }

    private Uni<LicenseSnapshot> byIndexEntry(String keyHash, String id, java.util.function.LongFunction<Uni<LicenseSnapshot>> byId) {
        if (NO_LICENSE.equals(id)) {
            return Uni.createFrom().nullItem();
        }
        if (id != null) {
            return byId.apply(Long.parseLong(id));
        }
        String indexKey = RedisKeys.licenseByKeyHash(keyHash);
        return load(SELECT + " WHERE key_hash = $1", Tuple.of(keyHash)).call(s -> s == null
                ? redis.value(String.class).set(indexKey, NO_LICENSE, new SetArgs().ex(UNKNOWN_KEY_TTL_SECONDS).nx())
                : redis.value(String.class).setex(indexKey, TTL_SECONDS, Long.toString(s.id())));
    }

    public Uni<LicenseSnapshot> byId(long licenseId) {
        return redis.value(String.class).get(RedisKeys.licenseSnapshot(licenseId)).chain(cached -> ofCached(licenseId, cached));
    }

    private Uni<LicenseSnapshot> ofCached(long licenseId, String cached) {
        if (cached != null) {
            return Uni.createFrom().item(read(cached));
        }
        return load(SELECT + " WHERE id = $1", Tuple.of(licenseId));
    }

    /**
     * Bypass the cache (decisions that must see the committed row, e.g. under device-service's own
     * slot lock). Never a row lock on another service's table: the view is read-only.
     */
    public Uni<LicenseSnapshot> fromDatabase(io.vertx.mutiny.sqlclient.SqlClient client, long licenseId) {
        return client.preparedQuery(SELECT + " WHERE id = $1")
                .execute(Tuple.of(licenseId))
                .map(rows -> rows.iterator().hasNext() ? fromRow(rows.iterator().next()) : null);
    }

    /** Write the snapshot and the status flag (license-service, after every committed change). */
    public Uni<Void> store(LicenseSnapshot s) {
        return redis.value(String.class).setex(RedisKeys.licenseSnapshot(s.id()), TTL_SECONDS, write(s))
                .chain(() -> redis.value(String.class).set(RedisKeys.licenseStatus(s.id()), s.status()));
    }

    public Uni<Void> evict(long licenseId) {
        return redis.key().del(RedisKeys.licenseSnapshot(licenseId)).replaceWithVoid();
    }

    private Uni<LicenseSnapshot> load(String sql, Tuple args) {
        return pool.preparedQuery(sql).execute(args).chain(rows -> {
            if (!rows.iterator().hasNext()) {
                return Uni.createFrom().nullItem();
            }
            LicenseSnapshot s = fromRow(rows.iterator().next());
            // Readers may warm a missing entry; the owner overwrites it on the next change.
            return redis.value(String.class).setex(RedisKeys.licenseSnapshot(s.id()), TTL_SECONDS, write(s))
                    .chain(() -> redis.value(String.class).setnx(RedisKeys.licenseStatus(s.id()), s.status()))
                    .replaceWith(s);
        });
    }

    public static LicenseSnapshot fromRow(Row r) {
        OffsetDateTime exp = r.getOffsetDateTime("expires_at");
        return new LicenseSnapshot(r.getLong("id"), r.getLong("product_id"), r.getString("product_code"),
                r.getLong("seller_id"), r.getLong("owner_account_id"), r.getString("status"), r.getString("type"),
                r.getString("privilege"), r.getString("term"), r.getInteger("max_devices"), r.getInteger("max_sessions"),
                exp == null ? null : exp.toInstant(), limits(r.getJsonObject("usage_limits")),
                strings(r.getJsonArray("domain_restrictions")), strings(r.getJsonArray("ip_restrictions")));
    }

    private static Map<String, Long> limits(JsonObject o) {
        Map<String, Long> m = new HashMap<>();
        if (o != null) {
            o.forEach(e -> {
                if (e.getValue() instanceof Number n) {
                    m.put(e.getKey(), n.longValue());
                }
            });
        }
        return m;
    }

    private static List<String> strings(JsonArray a) {
        List<String> l = new ArrayList<>();
        if (a != null) {
            a.forEach(v -> l.add(String.valueOf(v)));
        }
        return l;
    }

    private String write(LicenseSnapshot s) {
        try {
            return json.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The snapshot a cached JSON value holds. Parsed once per distinct value: the validation hot path
     * reads the same few thousand snapshots over and over, and parsing one cost more than the Redis
     * call that fetched it. Keyed by the exact text, so a changed snapshot is a new entry and is never
     * answered from an old one; the map is emptied when it grows past {@link #PARSED_ENTRIES}.
     */
    public LicenseSnapshot parse(String cached) {
        LicenseSnapshot known = parsed.get(cached);
        if (known != null) {
            return known;
        }
        LicenseSnapshot s;
        try {
            s = json.readValue(cached, LicenseSnapshot.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable license snapshot", e);
        }
        if (parsed.size() >= PARSED_ENTRIES) {
            parsed.clear();
        }
        parsed.put(cached, s);
        return s;
    }

    private LicenseSnapshot read(String s) {
        return parse(s);
    }

}
