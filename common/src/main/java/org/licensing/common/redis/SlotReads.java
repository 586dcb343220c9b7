package org.licensing.common.redis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;

/**
 * Reads many string keys at once, correctly on a Redis Cluster too. Standalone: one MGET. Cluster:
 * one MGET per hash tag, in parallel. A cross-slot MGET is not enough there: the Vert.x cluster client
 * (4.5) splits it by slot but joins the replies in completion order, not key order
 * (vert-x3/vertx-redis-client#537), and the Quarkus API pairs values with keys by position, so a
 * value could be reported under another key.
 */
@ApplicationScoped
public class SlotReads {

    private final ReactiveValueCommands<String, String> values;
    private final boolean cluster;

    public SlotReads(ReactiveRedisDataSource redis, RedisTopology topology) {
        this.values = redis.value(String.class);
        this.cluster = topology.cluster();
    }

    /** Every key's value (null when absent), in the order of {@code keys}. */
    public Uni<Map<String, String>> get(Collection<String> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        if (!cluster) {
            return values.mget(keys.toArray(String[]::new));
        }
        List<Uni<Map<String, String>>> reads = new ArrayList<>();
        for (List<String> sameSlot : byHashTag(keys).values()) {
            reads.add(values.mget(sameSlot.toArray(String[]::new)));
        }
        return Uni.join().all(reads).andFailFast().map(parts -> {
            Map<String, String> found = new java.util.HashMap<>();
            parts.forEach(found::putAll);
            Map<String, String> ordered = new LinkedHashMap<>();
            for (String k : keys) {
                ordered.put(k, found.get(k));
            }
            return ordered;
        });
    }

    /** Keys grouped by the part Redis Cluster hashes ({@link #hashTag}): each group lives in one slot. */
    static Map<String, List<String>> byHashTag(Collection<String> keys) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (String k : keys) {
            groups.computeIfAbsent(hashTag(k), t -> new ArrayList<>()).add(k);
        }
        return groups;
    }

    /**
     * What Redis Cluster hashes to place a key: the text between the first '{' and the first '}'
     * after it, when that is not empty; otherwise the whole key.
     */
    public static String hashTag(String key) {
        int open = key.indexOf('{');
        if (open >= 0) {
            int close = key.indexOf('}', open + 1);
            if (close > open + 1) {
                return key.substring(open + 1, close);
            }
        }
        return key;
    }
}
