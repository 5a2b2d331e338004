package dev.devgodzilla.worker.claim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.devgodzilla.worker.TestJobs;
import dev.devgodzilla.worker.TestWorkerConfig;
import dev.devgodzilla.worker.config.WorkerIdentity;
import dev.devgodzilla.worker.dispatch.AttemptClaims.Claim;
import io.vertx.mutiny.core.Vertx;

/** The worker's side of a claim against an HTTP server that answers as execution-service would. */
class ExecutionServiceClaimsTest {
    private final Vertx vertx = Vertx.vertx();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger unavailableFirst = new AtomicInteger();
    private HttpServer server;
    private volatile int status = 200;

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        vertx.closeAndAwait();
    }

    @Test
    void aGrantedClaimSendsThisProcessAndTheToken() {
        ExecutionServiceClaims claims = claims("http://127.0.0.1:" + server.getAddress().getPort(), "10s");

        Claim claim = claims.claim(TestJobs.dummy("print hi"));

        assertThat(claim.granted()).isTrue();
        assertThat(requests).singleElement().satisfies(r -> assertThat(r)
                .contains("POST /steps/").contains("/attempts/1/claim")
                .contains("Bearer first-token").contains("\"instance\":\"w-1#"));
    }

    @Test
    void anotherProcessesClaimIsARefusalNamingIt() {
        status = 409;
        Claim claim = claims("http://127.0.0.1:" + server.getAddress().getPort(), "10s")
                .claim(TestJobs.dummy("print hi"));

        assertThat(claim.granted()).isFalse();
        assertThat(claim.detail()).contains("409").contains("already claimed by w-2#abcd");
        assertThat(requests).hasSize(1);
    }

    @Test
    void anUnavailableServiceIsAskedAgainUntilItAnswers() {
        unavailableFirst.set(2);
        Claim claim = claims("http://127.0.0.1:" + server.getAddress().getPort(), "10s")
                .claim(TestJobs.dummy("print hi"));

        assertThat(claim.granted()).isTrue();
        assertThat(requests).hasSize(3);
    }

    @Test
    void noAnswerWithinTheTimeoutIsARefusal() {
        server.stop(0);
        Claim claim = claims("http://127.0.0.1:" + server.getAddress().getPort(), "1s")
                .claim(TestJobs.dummy("print hi"));

        assertThat(claim.granted()).isFalse();
        assertThat(claim.detail()).contains("did not answer");
    }

    private ExecutionServiceClaims claims(String url, String timeout) {
        var config = TestWorkerConfig.of(Map.of("dg.worker.id", "w-1", "dg.worker.claim.execution-url", url,
                "dg.worker.claim.api-token", "first-token,second-token", "dg.worker.claim.timeout", timeout));
        return new ExecutionServiceClaims(vertx, config, new WorkerIdentity(config));
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                + exchange.getRequestHeaders().getFirst("Authorization") + " " + body);
        int code = unavailableFirst.getAndDecrement() > 0 ? 503 : status;
        byte[] answer = (code == 409
                ? "{\"status\":409,\"detail\":\"attempt 1 of step s is already claimed by w-2#abcd\"}"
                : "{\"claimedBy\":\"w-1\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }
}
