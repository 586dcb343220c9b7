package org.licensing.sdk;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on loopback that answers each path with the answers a test queued, in
 * order (the last one repeats), and records what it was sent. It stands for the platform in unit
 * tests of the client's own logic (error mapping, grace, retries); the integration tests use the
 * real stack.
 */
final class ScriptedGateway implements AutoCloseable {

    record Reply(int status, String contentType, String body, Map<String, String> headers) {}

    record Received(String method, String path, String authorization, String body) {}

    private final HttpServer server;
    private final Map<String, Deque<Reply>> replies = new HashMap<>();
    final List<Received> received = Collections.synchronizedList(new ArrayList<>());

    ScriptedGateway() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String key = ex.getRequestMethod() + " " + ex.getRequestURI().getPath();
            received.add(new Received(ex.getRequestMethod(), ex.getRequestURI().getPath(),
                    ex.getRequestHeaders().getFirst("Authorization"), body));
            Reply r;
            synchronized (replies) {
                Deque<Reply> q = replies.get(key);
                r = q == null || q.isEmpty() ? new Reply(404, "text/plain", "no reply scripted for " + key, Map.of())
                        : q.size() > 1 ? q.poll() : q.peek();
            }
            byte[] bytes = r.body().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", r.contentType());
            r.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
            ex.sendResponseHeaders(r.status(), bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    ScriptedGateway reply(String methodAndPath, int status, String json, Map<String, String> headers) {
        String type = status >= 400 ? "application/problem+json" : "application/json";
        synchronized (replies) {
            replies.computeIfAbsent(methodAndPath, k -> new ArrayDeque<>()).add(new Reply(status, type, json, headers));
        }
        return this;
    }

    ScriptedGateway reply(String methodAndPath, int status, String json) {
        return reply(methodAndPath, status, json, Map.of());
    }

    ScriptedGateway replyRaw(String methodAndPath, int status, String contentType, String body) {
        synchronized (replies) {
            replies.computeIfAbsent(methodAndPath, k -> new ArrayDeque<>()).add(new Reply(status, contentType, body, Map.of()));
        }
        return this;
    }

    long count(String path) {
        synchronized (received) {
            return received.stream().filter(r -> r.path().equals(path)).count();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    static String problem(int status, String code, String detail) {
        return "{\"type\":\"https://licensing.dev/problems/x\",\"title\":\"T\",\"status\":" + status + ",\"detail\":\"" + detail
                + "\",\"code\":\"" + code + "\"}";
    }
}
