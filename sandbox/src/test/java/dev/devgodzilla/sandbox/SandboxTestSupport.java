package dev.devgodzilla.sandbox;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Helpers shared by the sandbox tests: tiny local servers and the "nothing left running" check. */
final class SandboxTestSupport {

    private SandboxTestSupport() {
    }

    /** Command lines of host processes that contain {@code marker}. */
    static List<String> processesContaining(String marker) {
        long self = ProcessHandle.current().pid();
        return ProcessHandle.allProcesses()
                .filter(p -> p.pid() != self)
                .map(p -> p.info().commandLine().orElse(""))
                .filter(cmd -> cmd.contains(marker))
                .toList();
    }

    static void assertNothingRunning(String marker) {
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(processesContaining(marker)).as("processes containing " + marker)
                        .isEmpty());
    }

    /** An HTTP server on 127.0.0.1 answering every request with {@code body}; counts requests. */
    static final class TestHttpServer implements AutoCloseable {
        final HttpServer server;
        final AtomicInteger requests = new AtomicInteger();

        TestHttpServer(String body) throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                requests.incrementAndGet();
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            });
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        String url() {
            return "http://127.0.0.1:" + port() + "/";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
