package dev.devgodzilla.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.devgodzilla.contracts.Topics;
import dev.devgodzilla.contracts.messages.ChangedFile;
import dev.devgodzilla.contracts.messages.StepCompleted;
import dev.devgodzilla.contracts.messages.StepPending;
import dev.devgodzilla.contracts.messages.StepRequest;
import dev.devgodzilla.testkit.TestApiTokens;
import io.restassured.path.json.JsonPath;

/**
 * A step handed to an IDE survives its worker's restart: still PENDING on its first attempt, followed again by
 * the restarted worker, and completed through execution-service, which routes the completion to that worker.
 */
@ExtendWith(LocalStackExtension.class)
class IdeHandOffIT {
    private static final String WORKER = "ide-worker";

    @Test
    void anIdeStepPendingOnARestartedWorkerIsStillPendingAndIsCompletedThroughExecutionService(LocalStack stack)
            throws Exception {
        try (BusClient bus = new BusClient(stack.kafka.bootstrapServers(), List.of(Topics.STEP_EVENTS))) {
            stack.startWorker(WORKER);
            stack.keepOnlyWorkers(List.of(WORKER));
            String stepId = PipelineIT.newStepId();
            bus.publish(StepRequest.of(stepId, "windsurf", "Add a greeting file").withQaCommand("true"));
            await().atMost(Duration.ofSeconds(60)).until(() -> "PENDING".equals(stack.state(stepId)));
            Path commandFile = Path.of(bus.stepEvents(stepId, StepPending.class).getFirst().commandFile());
            // .windsurf/workflows/<command> in the step's workspace
            Path workspace = commandFile.getParent().getParent().getParent();

            ServiceProcess worker = stack.restartWorker(WORKER);

            // still pending on its first attempt, and followed again by the restarted worker
            assertThat(stack.state(stepId)).isEqualTo("PENDING");
            assertThat(stack.attempt(stepId)).isEqualTo(1);
            await().atMost(Duration.ofSeconds(30)).until(() -> given().baseUri(worker.baseUrl())
                    .get("/ide-steps").then().extract().jsonPath().getList("stepId").contains(stepId));
            // the restarted worker's heartbeats say it holds the hand-off: a completion now goes to it
            Thread.sleep(3_000);

            Files.writeString(workspace.resolve("greeting.txt"), "hello\n");
            JsonPath completion = given().baseUri(stack.execution.baseUrl()).auth().oauth2(TestApiTokens.OPERATOR)
                    .contentType("application/json")
                    .body("{\"status\": \"done\", \"summary\": \"Added greeting.txt\"}")
                    .post("/steps/{id}/complete", stepId).then().statusCode(202).extract().jsonPath();
            assertThat(completion.getString("routedTo")).isEqualTo(WORKER);

            await().atMost(Duration.ofSeconds(60)).until(() -> "QA_PASSED".equals(stack.state(stepId)));
            StepCompleted completed = bus.stepEvents(stepId, StepCompleted.class).getFirst();
            assertThat(completed.source()).isEqualTo(WORKER);
            assertThat(completed.attempt()).isEqualTo(1);
            assertThat(completed.finalMessage()).isEqualTo("Added greeting.txt");
            assertThat(completed.artifacts().changedFiles()).extracting(ChangedFile::path).contains("greeting.txt");
            assertThat(stack.attempt(stepId)).as("no attempt was lost over the restart").isEqualTo(1);
            assertThat(given().baseUri(stack.execution.baseUrl()).get("/steps/{id}", stepId).then().extract()
                    .jsonPath().getList("events.summary", String.class))
                    .anyMatch(s -> s.startsWith("pending in the IDE"))
                    .anyMatch(s -> s.contains("routed to worker " + WORKER));

            // a pending step whose worker is gone for good is recorded by execution-service itself
            String orphan = PipelineIT.newStepId();
            bus.publish(StepRequest.of(orphan, "windsurf", "Rename the module"));
            await().atMost(Duration.ofSeconds(60)).until(() -> "PENDING".equals(stack.state(orphan)));
            worker.kill();
            // its lease is no longer renewed by heartbeats (6 s in this stack)
            Thread.sleep(8_000);
            given().baseUri(stack.execution.baseUrl()).auth().oauth2(TestApiTokens.OPERATOR)
                    .contentType("application/json").body("{\"status\": \"failed\", \"summary\": \"gave up\"}")
                    .post("/steps/{id}/complete", orphan).then().statusCode(202)
                    .body("recordedHere", org.hamcrest.Matchers.equalTo(true));
            await().atMost(Duration.ofSeconds(30)).until(() -> "FAILED".equals(stack.state(orphan)));
            stack.ensureAWorker();
        }
    }
}
