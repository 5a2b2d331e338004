package dev.devgodzilla.worker.way.api;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A scripted Jules API on 127.0.0.1: each {@code "METHOD /path"} answers its queued responses in turn and
 * keeps answering the last one. Unscripted requests get 404.
 */
public final class FakeJules implements AutoCloseable {
    public record Reply(int status, String body, long delayMs) {
    }

    public record Seen(String method, String path, String query, String apiKey, String body) {
    }

    private final HttpServer server;
    private final Map<String, Deque<Reply>> script = new ConcurrentHashMap<>();
    public final List<Seen> requests = new CopyOnWriteArrayList<>();

    public FakeJules() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1alpha";
    }

    public FakeJules on(String methodAndPath, int status, String body) {
        return on(methodAndPath, new Reply(status, body, 0));
    }

    public FakeJules on(String methodAndPath, Reply reply) {
        script.computeIfAbsent(methodAndPath, k -> new ArrayDeque<>()).add(reply);
        return this;
    }

    public long count(String methodAndPath) {
        return requests.stream().filter(r -> (r.method() + " " + r.path()).equals(methodAndPath)).count();
    }

    /** Forgets the script and the requests seen, for the next test. */
    public synchronized void reset() {
        script.clear();
        requests.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().replaceFirst("^/v1alpha", "");
        String key = exchange.getRequestMethod() + " " + path;
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(new Seen(exchange.getRequestMethod(), path, exchange.getRequestURI().getQuery(),
                exchange.getRequestHeaders().getFirst("X-Goog-Api-Key"), body));
        Deque<Reply> replies = script.get(key);
        Reply reply;
        synchronized (this) {
            reply = replies == null || replies.isEmpty() ? new Reply(404, "{\"error\":{\"code\":404,\"message\":\"no "
                    + key + "\"}}", 0) : replies.size() > 1 ? replies.poll() : replies.peek();
        }
        if (reply.delayMs() > 0) {
            try {
                Thread.sleep(reply.delayMs());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
