package org.licensing.common.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.RedisConnection;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * A server-side Lua script run by EVALSHA (one round trip, the script body is not resent); on
 * NOSCRIPT (Redis restarted or flushed its script cache) it falls back to EVAL once.
 */
public final class LuaScript {

    private final String source;
    private final String sha1;

    public LuaScript(String source) {
        this.source = source;
        this.sha1 = sha1Hex(source);
    }

    /** A script kept as a {@code .lua} file on the class path (e.g. {@code redis/trim.lua}). */
    public static LuaScript fromResource(String path) {
        return new LuaScript(resource(path));
    }

    /** The text of a class-path resource (scripts, and fragments composed into scripts). */
    public static String resource(String path) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Missing script resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Uni<Response> run(ReactiveRedisDataSource redis, List<String> keys, List<String> args) {
        return redis.execute("EVALSHA", arguments(sha1, keys, args))
                .onFailure(f -> f.getMessage() != null && f.getMessage().startsWith("NOSCRIPT"))
                .recoverWithUni(() -> redis.execute("EVAL", arguments(source, keys, args)));
    }

    /** The same on one connection held by the caller (pipelined: many calls may be in flight on it). */
    public Uni<Response> run(RedisConnection connection, List<String> args) {
        return connection.send(request(Command.EVALSHA, sha1, args))
                .onFailure(f -> f.getMessage() != null && f.getMessage().startsWith("NOSCRIPT"))
                .recoverWithUni(() -> connection.send(request(Command.EVAL, source, args)));
    }

    /** As above with {@code keys} declared as the script's KEYS (what a Redis Cluster routes by). */
    public Uni<Response> run(RedisConnection connection, List<String> keys, List<String> args) {
        return connection.send(request(Command.EVALSHA, sha1, keys, args))
                .onFailure(f -> f.getMessage() != null && f.getMessage().startsWith("NOSCRIPT"))
                .recoverWithUni(() -> connection.send(request(Command.EVAL, source, keys, args)));
    }

    private static Request request(Command command, String scriptOrSha, List<String> args) {
        return request(command, scriptOrSha, List.of(), args);
    }

    private static Request request(Command command, String scriptOrSha, List<String> keys, List<String> args) {
        Request r = Request.cmd(command).arg(scriptOrSha).arg(keys.size());
        for (String k : keys) {
            r.arg(k);
        }
        for (String a : args) {
            r.arg(a);
        }
        return r;
    }

    private static String[] arguments(String scriptOrSha, List<String> keys, List<String> args) {
        List<String> all = new ArrayList<>(2 + keys.size() + args.size());
        all.add(scriptOrSha);
        all.add(Integer.toString(keys.size()));
        all.addAll(keys);
        all.addAll(args);
        return all.toArray(String[]::new);
    }

    private static String sha1Hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
