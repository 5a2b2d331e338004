package dev.devgodzilla.execution;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.devgodzilla.contracts.Topics;
import dev.devgodzilla.contracts.messages.LogStream;
import dev.devgodzilla.contracts.messages.StepLogChunk;
import dev.devgodzilla.contracts.messages.StepRequest;
import dev.devgodzilla.testkit.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** A step's output over REST: stored from step-logs, read as text, followed with Server-Sent Events to its end. */
@QuarkusTest
@WithTestResource(DummyAgentAvailableResource.class)
@WithTestResource(PostgresTestResource.class)
class StepLogTest {
    static final Duration WAIT = Duration.ofSeconds(20);

    @TestHTTPResource("/")
    URL base;

    @Test
    void aFollowerGetsTheLiveOutputInOrderAndTheEndOfTheStep() throws Exception {
        String stepId = "logs-follow";
        StepRequest request = StepRequest.of(stepId, "dummy", "print hello");
        TestBus.send(Topics.STEP_REQUESTS, stepId, request);
        await().atMost(WAIT).until(() -> TestBus.jobs(stepId).size() == 1);
        TestBus.send(Topics.STEP_EVENTS, stepId, TestBus.started(stepId, 1));
        await().atMost(WAIT).until(() -> "RUNNING".equals(StepFlowTest.state(stepId)));
        // a chunk from before the follower came, and one sent twice (a redelivery)
        chunk(stepId, 0, "line 0\n");
        chunk(stepId, 0, "line 0\n");

        List<String> lines = new CopyOnWriteArrayList<>();
        HttpRequest follow = HttpRequest.newBuilder(URI.create(base + "steps/" + stepId + "/logs"))
                .header("Accept", "text/event-stream").build();
        CompletableFuture<HttpResponse<Void>> done = HttpClient.newHttpClient()
                .sendAsync(follow, HttpResponse.BodyHandlers.fromLineSubscriber(new LineCollector(lines)));
        await().atMost(WAIT).until(() -> lines.stream().anyMatch(l -> l.contains("line 0")));
        for (int i = 1; i <= 3; i++) {
            chunk(stepId, i, "line " + i + "\n");
            int seen = i;
            await().atMost(WAIT).until(() -> lines.stream().anyMatch(l -> l.contains("line " + seen)));
        }
        assertThat(done).isNotDone();
        TestBus.send(Topics.STEP_EVENTS, stepId, TestBus.completed(stepId, 1));
        done.get(WAIT.toSeconds(), TimeUnit.SECONDS);

        List<String> data = lines.stream().filter(l -> l.startsWith("data:")).toList();
        List<String> logs = data.stream().filter(l -> l.contains("\"text\"")).toList();
        assertThat(logs).hasSize(4);
        for (int i = 0; i < 4; i++) {
            assertThat(logs.get(i)).contains("line " + i);
        }
        assertThat(lines).anyMatch(l -> l.replace(" ", "").equals("event:end"));
        assertThat(data.getLast()).contains("\"state\":\"COMPLETED\"");

        // the same output as text, and the errors of the route
        given().accept("text/plain").get("/steps/{id}/logs", stepId).then().statusCode(200)
                .body(equalTo("line 0\nline 1\nline 2\nline 3\n"));
        given().accept("text/plain").get("/steps/{id}/logs?attempt=7", stepId).then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("attempt"));
        given().accept("text/plain").get("/steps/nope/logs").then().statusCode(404)
                .contentType("application/problem+json");
        given().accept("text/event-stream").get("/steps/nope/logs").then().statusCode(404);
    }

    @Test
    void followingAStepThatHasEndedReturnsItsOutputAndEndsAtOnce() throws Exception {
        String stepId = "logs-ended";
        TestBus.send(Topics.STEP_REQUESTS, stepId, StepRequest.of(stepId, "dummy", "print hello"));
        await().atMost(WAIT).until(() -> TestBus.jobs(stepId).size() == 1);
        TestBus.send(Topics.STEP_EVENTS, stepId, TestBus.started(stepId, 1));
        chunk(stepId, 0, "only line\n");
        TestBus.send(Topics.STEP_EVENTS, stepId, TestBus.completed(stepId, 1));
        await().atMost(WAIT).until(() -> "COMPLETED".equals(StepFlowTest.state(stepId))
                || StepFlowTest.state(stepId).startsWith("QA_"));
        await().atMost(WAIT).until(() -> given().accept("text/plain").get("/steps/{id}/logs", stepId).asString()
                .equals("only line\n"));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(base + "steps/" + stepId + "/logs")).header("Accept", "text/event-stream")
                .timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).contains("only line");
        assertThat(response.body().replace(" ", "")).contains("event:end");
    }

    private static void chunk(String stepId, long seq, String text) {
        TestBus.send(Topics.STEP_LOGS, stepId, new StepLogChunk(stepId, 1, seq, LogStream.STDOUT, text, Instant.now()));
    }

    /** Collects the lines of a streamed body as they arrive. */
    private record LineCollector(List<String> lines) implements java.util.concurrent.Flow.Subscriber<String> {
        @Override
        public void onSubscribe(java.util.concurrent.Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            lines.add(line);
        }

        @Override
        public void onError(Throwable throwable) {
        }

        @Override
        public void onComplete() {
        }
    }
}
