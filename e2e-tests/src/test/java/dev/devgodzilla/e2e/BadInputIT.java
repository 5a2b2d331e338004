package dev.devgodzilla.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.devgodzilla.contracts.Json;
import dev.devgodzilla.contracts.Topics;
import dev.devgodzilla.contracts.messages.Artifact;
import dev.devgodzilla.contracts.messages.ArtifactKind;
import dev.devgodzilla.contracts.messages.StepCompleted;
import dev.devgodzilla.contracts.messages.StepEvent;
import dev.devgodzilla.contracts.messages.StepRequest;
import dev.devgodzilla.testkit.TestApiTokens;

/**
 * Fault case 8: an oversized context, a change of 20,000 files and a malformed record on every topic the
 * services consume. Each is refused or cut with a clear reason, and the next normal step still completes.
 */
@ExtendWith(LocalStackExtension.class)
class BadInputIT {
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    /** Every topic some service consumes, with the DLQ its consumers dead-letter to. */
    private static final List<String> CONSUMED = List.of(Topics.STEP_REQUESTS, Topics.STEP_EVENTS,
            Topics.WORKER_HEARTBEATS, Topics.QA_RESULTS, Topics.AGENT_AVAILABILITY, Topics.QA_JOB_RESULTS,
            Topics.jobsFor("dummy"), Topics.STEP_COMMANDS, Topics.QA_JOBS, Topics.AGENT_CONFIG);

    private static LocalStack stack;
    private static BusClient bus;

    @BeforeAll
    static void connect(LocalStack localStack) {
        stack = localStack;
        List<String> topics = new java.util.ArrayList<>(List.of(Topics.STEP_EVENTS));
        CONSUMED.forEach(topic -> topics.add(Topics.dlq(topic)));
        bus = new BusClient(stack.kafka.bootstrapServers(), topics);
    }

    @AfterAll
    static void disconnect() throws InterruptedException {
        bus.close();
    }

    @Test
    void aMalformedRecordOnEveryConsumedTopicGoesToItsDlqWithItsReason() throws Exception {
        String key = "malformed-" + UUID.randomUUID();
        for (String topic : CONSUMED) {
            bus.publishRaw(topic, key, "{\"this is\": not json");
        }

        for (String topic : CONSUMED) {
            await(topic).atMost(PATIENCE).until(() -> !bus.records(Topics.dlq(topic), key).isEmpty());
            assertThat(BusClient.header(bus.records(Topics.dlq(topic), key).getFirst(), "dead-letter-reason"))
                    .as(topic).isNotBlank();
        }
        assertNextStepCompletes();
    }

    @Test
    void anOversizedContextIsRefusedAtTheEdgeNamingTheField() throws Exception {
        String big = "c".repeat(300_000);
        // over REST: a 400 naming the field, and a body over the request limit refused before it is read
        given().baseUri(stack.execution.baseUrl()).auth().oauth2(TestApiTokens.OPERATOR).contentType("application/json")
                .body(Json.write(withContext(PipelineIT.newStepId(), big))).post("/steps")
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body(containsString("context"));
        given().baseUri(stack.execution.baseUrl()).auth().oauth2(TestApiTokens.OPERATOR).contentType("application/json")
                .body(Json.write(withContext(PipelineIT.newStepId(), "c".repeat(2 * 1024 * 1024)))).post("/steps")
                .then().statusCode(413);
        // over Kafka: the DLQ, with the field in its reason; the step never exists
        String stepId = PipelineIT.newStepId();
        bus.publish(withContext(stepId, big));
        await().atMost(PATIENCE).until(() -> !bus.records(Topics.dlq(Topics.STEP_REQUESTS), stepId).isEmpty());
        assertThat(BusClient.header(bus.records(Topics.dlq(Topics.STEP_REQUESTS), stepId).getFirst(),
                "dead-letter-reason")).contains("context");
        assertThat(stack.state(stepId)).isEmpty();
        assertNextStepCompletes();
    }

    @Test
    void aTwentyThousandFileChangeIsCutInItsEventAndWholeInItsManifest() throws Exception {
        String stepId = PipelineIT.newStepId();
        bus.publish(StepRequest.of(stepId, "dummy",
                "sh mkdir -p gen && cd gen && for i in $(seq 1 20000); do echo $i > f$i.txt; done\n")
                .withQaCommand("true"));

        StepCompleted completed = awaitCompleted(stepId);
        assertThat(completed.artifacts().changedFiles()).hasSizeLessThanOrEqualTo(500);
        assertThat(completed.artifacts().changedFilesTotal()).isEqualTo(20_000);
        Artifact manifest = completed.artifacts().artifacts().stream()
                .filter(a -> a.kind() == ArtifactKind.REPORT).findFirst().orElseThrow();
        JsonNode whole = new ObjectMapper().readTree(Files.readString(Path.of(manifest.path())));
        assertThat(whole.path("changedFiles").size()).isEqualTo(20_000);
        await().atMost(PATIENCE).until(() -> "QA_PASSED".equals(stack.state(stepId)));
        assertNextStepCompletes();
    }

    private static StepRequest withContext(String stepId, String context) {
        return new StepRequest(StepRequest.SCHEMA_VERSION, UUID.randomUUID().toString(), Instant.now(), stepId,
                null, null, "dummy", null, null, "print with context", context, null, null, null, null, null, null,
                null, null);
    }

    private static void assertNextStepCompletes() throws Exception {
        String next = PipelineIT.newStepId();
        bus.publish(StepRequest.of(next, "dummy", "print still fine").withQaCommand("true"));
        awaitCompleted(next);
    }

    private static StepCompleted awaitCompleted(String stepId) {
        return await().atMost(PATIENCE).until(() -> bus.messages(Topics.STEP_EVENTS, stepId, StepEvent.class).stream()
                .filter(StepCompleted.class::isInstance).map(StepCompleted.class::cast).findFirst().orElse(null),
                e -> e != null);
    }
}
