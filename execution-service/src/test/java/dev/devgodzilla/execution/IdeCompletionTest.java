package dev.devgodzilla.execution;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.devgodzilla.contracts.Json;
import dev.devgodzilla.contracts.Topics;
import dev.devgodzilla.contracts.messages.AttemptRef;
import dev.devgodzilla.contracts.messages.Ids;
import dev.devgodzilla.contracts.messages.StepCommand;
import dev.devgodzilla.contracts.messages.StepEvent;
import dev.devgodzilla.contracts.messages.StepPending;
import dev.devgodzilla.contracts.messages.StepPickedUp;
import dev.devgodzilla.contracts.messages.StepRequest;
import dev.devgodzilla.contracts.messages.WorkerHeartbeat;
import dev.devgodzilla.testkit.PostgresTestResource;
import dev.devgodzilla.testkit.TestApiTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/** Completing a step pending in an IDE through execution-service: routed to its holder, or recorded here. */
@QuarkusTest
@WithTestResource(DummyAgentAvailableResource.class)
@WithTestResource(PostgresTestResource.class)
class IdeCompletionTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void aCompletionGoesToTheWorkerHeardHoldingTheHandOff() {
        String stepId = "ide-held";
        pendingOnFirstAttempt(stepId);
        TestBus.send(Topics.STEP_EVENTS, stepId, new StepPickedUp(StepEvent.SCHEMA_VERSION, Ids.newEventId(),
                Instant.now(), stepId, 1, "dummy", TestBus.WORKER));
        TestBus.send(Topics.WORKER_HEARTBEATS, TestBus.WORKER, holding(stepId));
        await().atMost(WAIT).until(() -> StepFlowTest.view(stepId).getList("events.summary", String.class)
                .stream().anyMatch(s -> s.startsWith("picked up in the IDE")));

        // the heartbeat says who holds the hand-off
        await().atMost(WAIT).until(() -> TestBus.WORKER.equals(StepFlowTest.view(stepId).getString("claimedBy")));
        TestBus.send(Topics.WORKER_HEARTBEATS, TestBus.WORKER, holding(stepId));
        asOperator().body("{\"status\": \"done\", \"summary\": \"Added it\"}")
                .post("/steps/{id}/complete", stepId).then().statusCode(202)
                .body("routedTo", equalTo(TestBus.WORKER)).body("recordedHere", equalTo(false));
        await().atMost(WAIT).until(() -> !TestBus.records(Topics.STEP_COMMANDS, stepId).isEmpty());
        StepCommand command = Json.read(TestBus.records(Topics.STEP_COMMANDS, stepId).getLast().value(),
                StepCommand.class);
        assertThat(command.action()).isEqualTo(StepCommand.Action.COMPLETE_IDE_STEP);
        assertThat(command.outcome()).isEqualTo("done");
        assertThat(command.summary()).isEqualTo("Added it");
        assertThat(command.attempt()).isEqualTo(1);
        // the worker reports the end: until then the step stays pending
        assertThat(StepFlowTest.state(stepId)).isEqualTo("PENDING");
    }

    @Test
    void withNoWorkerHeardHoldingItTheCompletionIsRecordedHere() {
        String stepId = "ide-orphan";
        pendingOnFirstAttempt(stepId);

        asOperator().body("{\"status\": \"sideways\"}").post("/steps/{id}/complete", stepId).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("status"));
        asOperator().body("{\"status\": \"blocked\", \"question\": \"Which port?\"}")
                .post("/steps/{id}/complete", stepId).then().statusCode(202).body("recordedHere", equalTo(true));
        await().atMost(WAIT).until(() -> "BLOCKED".equals(StepFlowTest.state(stepId)));
        given().get("/steps/{id}/clarifications", stepId).then().body("[0].question", equalTo("Which port?"));
        asOperator().body("{\"status\": \"done\"}").post("/steps/{id}/complete", stepId).then().statusCode(409)
                .body("detail", containsString("only a step pending in an IDE"));
    }

    private static void pendingOnFirstAttempt(String stepId) {
        TestBus.send(Topics.STEP_REQUESTS, stepId, StepRequest.of(stepId, "dummy", "print hi"));
        await().atMost(WAIT).until(() -> TestBus.jobs(stepId).size() == 1);
        TestBus.send(Topics.STEP_EVENTS, stepId, new StepPending(StepEvent.SCHEMA_VERSION, Ids.newEventId(),
                Instant.now(), stepId, 1, "dummy", TestBus.WORKER, "/tmp/ws/.windsurf/workflows/dg-" + stepId + ".md"));
        await().atMost(WAIT).until(() -> "PENDING".equals(StepFlowTest.state(stepId)));
    }

    private static WorkerHeartbeat holding(String stepId) {
        return new WorkerHeartbeat(WorkerHeartbeat.SCHEMA_VERSION, Ids.newEventId(), Instant.now(), TestBus.WORKER,
                "localhost", List.of(), List.of(), 1, "none", 1, List.of(), List.of(new AttemptRef(stepId, 1)));
    }

    private static RequestSpecification asOperator() {
        return given().auth().oauth2(TestApiTokens.OPERATOR).contentType("application/json");
    }
}
