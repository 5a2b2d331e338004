package dev.devgodzilla.worker.claim;

import java.time.Duration;
import java.time.Instant;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import dev.devgodzilla.contracts.messages.SandboxJob;
import dev.devgodzilla.support.tracing.TraceParents;
import dev.devgodzilla.worker.attempt.Backoff;
import dev.devgodzilla.worker.config.WorkerConfig;
import dev.devgodzilla.worker.config.WorkerIdentity;
import dev.devgodzilla.worker.dispatch.AttemptClaims;
import io.quarkus.logging.Log;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * Claims attempts at execution-service ({@code POST /steps/{id}/attempts/{n}/claim}) as this process. An
 * answer of 200 grants, 409 or 404 refuses for good; no answer, or a 5xx, is tried again with backoff
 * until {@code dg.worker.claim.timeout}, then refused: the agent does not start, the lease of the attempt
 * runs out and execution-service dispatches the next one.
 */
@ApplicationScoped
public class ExecutionServiceClaims implements AttemptClaims {
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

    private final WebClient client;
    private final WorkerConfig.ClaimSettings settings;
    private final String baseUrl;
    private final String instance;

    public ExecutionServiceClaims(Vertx vertx, WorkerConfig config, WorkerIdentity identity) {
        this.client = WebClient.create(vertx);
        this.settings = config.claim();
        this.baseUrl = settings.executionUrl().replaceAll("/+$", "");
        this.instance = identity.instance();
    }

    @Override
    public Claim claim(SandboxJob job) {
        if (!settings.enabled()) {
            return Claim.grant();
        }
        Instant deadline = Instant.now().plus(settings.timeout());
        Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5));
        String last;
        while (true) {
            try {
                HttpResponse<Buffer> answer = send(job);
                int status = answer.statusCode();
                if (status == 200) {
                    return Claim.grant();
                }
                String detail = detail(answer);
                if (status == 404 || status == 409 || status == 400 || status == 401 || status == 403) {
                    return Claim.refusal("execution-service answered " + status + ": " + detail);
                }
                last = "execution-service answered " + status + ": " + detail;
            } catch (RuntimeException e) {
                last = "execution-service at " + baseUrl + " did not answer: " + e.getMessage();
            }
            if (Instant.now().plus(backoff.next()).isAfter(deadline)) {
                return Claim.refusal(last + " (for " + settings.timeout().toSeconds() + " s)");
            }
            Log.debugf("claim of step %s attempt %d: %s; trying again", job.stepId(), job.attempt(), last);
            if (!backoff.pause()) {
                return Claim.refusal("interrupted while claiming: " + last);
            }
        }
    }

    private HttpResponse<Buffer> send(SandboxJob job) {
        var request = client.postAbs(baseUrl + "/steps/" + job.stepId() + "/attempts/" + job.attempt() + "/claim")
                .timeout(CALL_TIMEOUT.toMillis());
        // the first of the tokens, where the setting holds the same comma-separated list the services accept
        settings.apiToken().map(t -> t.split(",")[0].strip()).filter(t -> !t.isEmpty())
                .ifPresent(request::bearerTokenAuthentication);
        // called from the attempt's own thread, where no Vert.x context carries the trace: the claim joins it here
        String traceparent = TraceParents.current();
        if (traceparent != null) {
            request.putHeader(TraceParents.HEADER, traceparent);
        }
        return request.sendJsonObject(new JsonObject().put("instance", instance))
                .await().atMost(CALL_TIMEOUT.plusSeconds(1));
    }

    private static String detail(HttpResponse<Buffer> answer) {
        try {
            JsonObject body = answer.bodyAsJsonObject();
            return body != null && body.getString("detail") != null ? body.getString("detail") : answer.bodyAsString();
        } catch (RuntimeException e) {
            return answer.bodyAsString();
        }
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
