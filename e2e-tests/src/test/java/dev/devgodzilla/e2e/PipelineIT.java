package dev.devgodzilla.e2e;

import dev.devgodzilla.contracts.CloudEvents;
import dev.devgodzilla.contracts.Topics;
import dev.devgodzilla.contracts.messages.AgentAvailability;
import dev.devgodzilla.contracts.messages.Artifact;
import dev.devgodzilla.contracts.messages.ChangedFile;
import dev.devgodzilla.contracts.messages.FailureCode;
import dev.devgodzilla.contracts.messages.QaResult;
import dev.devgodzilla.contracts.messages.QaVerdict;
import dev.devgodzilla.contracts.messages.StepCompleted;
import dev.devgodzilla.contracts.messages.StepEvent;
import dev.devgodzilla.contracts.messages.StepFailed;
import dev.devgodzilla.contracts.messages.StepRequest;
import dev.devgodzilla.contracts.messages.StepStarted;
import dev.devgodzilla.testkit.TestApiTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

/** Steps through the four services as separate processes, on a real broker and database. */
@ExtendWith(LocalStackExtension.class)
class PipelineIT {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static BusClient bus;
    private static LocalStack stack;

    @BeforeAll
    static void connect(LocalStack localStack) {
        stack = localStack;
        bus = new BusClient(stack.kafka.bootstrapServers(), List.of(Topics.STEP_EVENTS, Topics.QA_RESULTS,
                Topics.dlq(Topics.STEP_REQUESTS), Topics.jobsFor("dummy"), Topics.AGENT_AVAILABILITY));
        // registry-service learns from the worker's heartbeat that the dummy agent can run
        await().atMost(PATIENCE).until(() -> bus.messages(Topics.AGENT_AVAILABILITY, "dummy", AgentAvailability.class)
                .stream().anyMatch(AgentAvailability::available));
    }

    @AfterAll
    static void disconnect() throws InterruptedException {
        bus.close();
    }

    @Test
    void stepRunsThroughTheWholeChain() throws Exception {
        String stepId = newStepId();
        // a plain Kafka producer submits the step
        bus.publish(StepRequest.of(stepId, "dummy", "write src/hello.txt Hello, pipeline\nprint working on it\n")
                .withQaCommand("grep -q pipeline src/hello.txt"));

        // the worker starts and completes it
        StepCompleted completed = awaitEvent(stepId, StepCompleted.class);
        List<StepEvent> events = bus.messages(Topics.STEP_EVENTS, stepId, StepEvent.class);
        assertThat(events.getFirst()).isInstanceOf(StepStarted.class);
        assertThat(completed.exitCode()).isZero();
        assertThat(completed.output()).contains("working on it");

        // the changed file is reported with the sha256 of what is on disk
        Path workspace = Path.of(completed.workspace());
        ChangedFile hello = completed.artifacts().changedFiles().stream()
                .filter(f -> f.path().equals("src/hello.txt")).findFirst().orElseThrow();
        assertThat(hello.sha256()).isEqualTo(Sha256.of(workspace.resolve("src/hello.txt")));

        // every artifact is on disk with the size and sha256 of its manifest entry
        assertThat(completed.artifacts().artifacts()).extracting(Artifact::name)
                .contains("output.log", "changes.diff");
        for (Artifact artifact : completed.artifacts().artifacts()) {
            Path file = Path.of(artifact.path());
            assertThat(file).exists().hasSize(artifact.sizeBytes());
            assertThat(Sha256.of(file)).as(artifact.name()).isEqualTo(artifact.sha256());
        }

        // QA runs the step's check in its workspace
        QaResult qa = await().atMost(PATIENCE).until(
                () -> bus.messages(Topics.QA_RESULTS, stepId, QaResult.class).stream().findFirst().orElse(null),
                r -> r != null);
        assertThat(qa.verdict()).isEqualTo(QaVerdict.PASSED);

        // execution-service holds the state and the timeline
        await().atMost(PATIENCE).untilAsserted(() -> given().baseUri(stack.execution.baseUrl())
                .get("/steps/{id}", stepId).then().statusCode(200)
                .body("state", equalTo("QA_PASSED"))
                .body("attempt", equalTo(1))
                .body("events.kind", hasItems("started", "completed")));
    }

    @Test
    void aCheckCommandRunsOnlyInTheWorkersSandbox() throws Exception {
        // the step's own check and the Makefile its agent wrote would both leave a mark on the host
        Path marker = Path.of(System.getProperty("java.io.tmpdir"), "dg-e2e-qa-marker-" + UUID.randomUUID());
        String stepId = newStepId();
        bus.publish(StepRequest.of(stepId, "dummy", "sh printf 'check:\\n\\ttouch " + marker + "\\n' > Makefile")
                .withQaCommand("touch " + marker + " && make check && echo checked"));

        QaResult qa = await().atMost(PATIENCE).until(
                () -> bus.messages(Topics.QA_RESULTS, stepId, QaResult.class).stream().findFirst().orElse(null),
                r -> r != null);
        assertThat(qa.verdict()).as(qa.summary()).isEqualTo(QaVerdict.PASSED);
        assertThat(qa.gates().getFirst().detail()).contains("checked").contains("qa-check.log");
        assertThat(marker).as("a check command ran outside a sandbox").doesNotExist();
    }

    @Test
    void unreadableRequestsGoToTheDlqAndTheNextStepStillRuns() throws Exception {
        String badKey = newStepId();
        bus.publishRaw(Topics.STEP_REQUESTS, badKey, "{this is not json");
        String missingKey = newStepId();
        bus.publishRaw(Topics.STEP_REQUESTS, missingKey, "{\"agentId\":\"dummy\"}");
        String good = newStepId();
        bus.publish(StepRequest.of(good, "dummy", "print still alive"));

        await().atMost(PATIENCE).until(() -> bus.records(Topics.dlq(Topics.STEP_REQUESTS), badKey).size() == 1
                && bus.records(Topics.dlq(Topics.STEP_REQUESTS), missingKey).size() == 1);
        assertThat(BusClient.header(bus.records(Topics.dlq(Topics.STEP_REQUESTS), badKey).getFirst(),
                "dead-letter-reason")).containsIgnoringCase("StepRequest");
        assertThat(BusClient.header(bus.records(Topics.dlq(Topics.STEP_REQUESTS), missingKey).getFirst(),
                "dead-letter-reason")).contains("task").contains("stepId");
        awaitEvent(good, StepCompleted.class);
    }

    /** Fault case 5: the same request before, during and after its run. */
    @Test
    void theSameRequestBeforeDuringAndAfterItsRunRunsOnceAndAddsNoEvent() throws Exception {
        String stepId = newStepId();
        StepRequest request = StepRequest.of(stepId, "dummy", "print once\nsleep 2\n");
        // before: twice, and once more from a producer that retried with a new event id
        bus.publish(request);
        bus.publish(request);
        bus.publish(new StepRequest(request.schemaVersion(), UUID.randomUUID().toString(), request.occurredAt(),
                stepId, null, null, "dummy", null, null, request.task(), null, null, null, null, null, null, null,
                null, null));
        // during
        awaitEvent(stepId, StepStarted.class);
        bus.publish(request);
        // after
        awaitEvent(stepId, StepCompleted.class);
        await().atMost(PATIENCE).until(() -> !bus.messages(Topics.QA_RESULTS, stepId, QaResult.class).isEmpty());
        int eventsBefore = bus.records(Topics.STEP_EVENTS, stepId).size();
        bus.publish(request);

        Thread.sleep(3_000); // give a second dispatch, if there were one, time to show
        assertThat(bus.records(Topics.jobsFor("dummy"), stepId)).hasSize(1);
        assertThat(bus.messages(Topics.STEP_EVENTS, stepId, StepEvent.class))
                .filteredOn(e -> e instanceof StepStarted).hasSize(1);
        assertThat(bus.records(Topics.STEP_EVENTS, stepId)).as("events after the late repeat").hasSize(eventsBefore);
        assertThat(BusClient.header(bus.records(Topics.jobsFor("dummy"), stepId).getFirst(), CloudEvents.TYPE))
                .isEqualTo("dev.devgodzilla.sandbox.job");
    }

    @Test
    void aStepSubmittedOverRestWithTheTokenRunsAndOneWithoutItNeverExists() throws Exception {
        String refused = newStepId();
        given().baseUri(stack.execution.baseUrl()).contentType("application/json")
                .body("{\"stepId\":\"" + refused + "\",\"agentId\":\"dummy\",\"task\":\"print nobody asked\"}")
                .post("/steps")
                .then().statusCode(401).contentType(startsWith("application/problem+json"));

        String stepId = newStepId();
        given().baseUri(stack.execution.baseUrl()).auth().oauth2(TestApiTokens.OPERATOR).contentType("application/json")
                .body("{\"stepId\":\"" + stepId + "\",\"agentId\":\"dummy\",\"task\":\"print over rest\"}")
                .post("/steps")
                .then().statusCode(202);

        assertThat(awaitEvent(stepId, StepCompleted.class).output()).contains("over rest");
        given().baseUri(stack.execution.baseUrl()).get("/steps/{id}", refused).then().statusCode(404);
        assertThat(bus.records(Topics.jobsFor("dummy"), refused)).isEmpty();
    }

    @Test
    void invalidHttpRequestGetsProblemJsonNamingTheField() {
        given().baseUri(stack.execution.baseUrl()).auth().oauth2(TestApiTokens.OPERATOR)
                .contentType("application/json").body("{\"agentId\":\"dummy\",\"stepId\":\"ok-id\"}")
                .post("/steps")
                .then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(400))
                .body("errors.field", hasItems("task"));
    }

    @Test
    void unknownAgentEndsAsFailedStepWithReason() throws Exception {
        String stepId = newStepId();
        bus.publish(StepRequest.of(stepId, "no-such-agent", "print hello"));

        StepFailed failed = awaitEvent(stepId, StepFailed.class);
        assertThat(failed.code()).isEqualTo(FailureCode.AGENT_NOT_FOUND);
        assertThat(failed.reason()).contains("no-such-agent");
        given().baseUri(stack.execution.baseUrl()).get("/steps/{id}", stepId)
                .then().statusCode(200).body("state", equalTo("FAILED"));
    }

    private static <T extends StepEvent> T awaitEvent(String stepId, Class<T> type) {
        return await().atMost(PATIENCE).until(() -> bus.messages(Topics.STEP_EVENTS, stepId, StepEvent.class).stream()
                .filter(type::isInstance).map(type::cast).findFirst().orElse(null), e -> e != null);
    }

    static String newStepId() {
        return "e2e-" + UUID.randomUUID();
    }
}
