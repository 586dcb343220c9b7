package org.licensing.stats.usage;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.licensing.common.redis.RedisTopology;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.KeyScanArgs;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.redis.client.RedisOptions;

/**
 * Counts the keys matching a pattern with SCAN (O(keys), never KEYS). On a Redis Cluster every master
 * holds a share of the keys and SCAN is per server: the cluster client sends a keyless command to one
 * node, which would count a third of a three-master cluster. So on a cluster the masters are read from
 * {@code CLUSTER NODES} and each is walked with its own connection, in parallel.
 */
@ApplicationScoped
public class MasterScan {

    static final int BATCH = 1000;

    private final ReactiveRedisDataSource redis;
    private final boolean cluster;
    private final Vertx vertx;
    private final URI seed;
    private final Optional<String> password;
    private final Map<String, Redis> masters = new ConcurrentHashMap<>();

    public MasterScan(ReactiveRedisDataSource redis, RedisTopology topology, Vertx vertx,
            @ConfigProperty(name = "quarkus.redis.hosts") String hosts,
            @ConfigProperty(name = "quarkus.redis.password") Optional<String> password) {
        this.redis = redis;
        this.cluster = topology.cluster();
        this.vertx = vertx;
        this.seed = URI.create(hosts.split(",")[0].trim());
        this.password = password;
    }

    public Uni<Long> count(String pattern) {
        if (!cluster) {
            return redis.key().scan(new KeyScanArgs().match(pattern).count(BATCH)).toMulti()
                    .collect().with(Collectors.counting());
        }
        return redis.execute("CLUSTER", "NODES").chain(nodes -> {
            List<Uni<Long>> counts = new ArrayList<>();
            for (String address : masterAddresses(nodes.toString())) {
                counts.add(walk(masters.computeIfAbsent(address, this::connect), pattern, "0", 0));
            }
            return Uni.join().all(counts).andFailFast().map(c -> c.stream().mapToLong(Long::longValue).sum());
        });
    }

    private Uni<Long> walk(Redis master, String pattern, String cursor, long counted) {
        return master.send(Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg(pattern).arg("COUNT").arg(BATCH))
                .chain(r -> {
                    long n = counted + r.get(1).size();
                    String next = r.get(0).toString();
                    return "0".equals(next) ? Uni.createFrom().item(n) : walk(master, pattern, next, n);
                });
    }

    /** A plain connection to one master, with the scheme and credentials of the configured seed. */
    private Redis connect(String address) {
        int colon = address.lastIndexOf(':');
        try {
            URI u = new URI(seed.getScheme(), seed.getUserInfo(), address.substring(0, colon),
                    Integer.parseInt(address.substring(colon + 1)), null, null, null);
            RedisOptions options = new RedisOptions().setConnectionString(u.toString()).setMaxPoolSize(1);
            password.ifPresent(options::setPassword);
            return Redis.createClient(vertx, options);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("bad Redis master address " + address, e);
        }
    }

    /**
     * host:port of every master that is not failing, from {@code CLUSTER NODES} lines
     * ({@code id host:port@cport[,hostname] flags master-id ...}).
     */
    static List<String> masterAddresses(String clusterNodes) {
        List<String> out = new ArrayList<>();
        for (String line : clusterNodes.split("\n")) {
            String[] f = line.trim().split(" ");
            if (f.length < 3) {
                continue;
            }
            List<String> flags = List.of(f[2].split(","));
            if (flags.contains("master") && !flags.contains("fail") && !flags.contains("noaddr")) {
                String address = f[1].split("[@,]")[0];
                if (!address.startsWith(":")) {
                    out.add(address);
                }
            }
        }
        return out;
    }

    @PreDestroy
    void close() {
        masters.values().forEach(Redis::close);
    }
}
