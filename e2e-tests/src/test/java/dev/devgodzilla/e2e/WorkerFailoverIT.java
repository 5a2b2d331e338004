package dev.devgodzilla.e2e;

import dev.devgodzilla.contracts.Topics;
import dev.devgodzilla.contracts.messages.StepCompleted;
import dev.devgodzilla.contracts.messages.StepEvent;
import dev.devgodzilla.contracts.messages.StepRequest;
import dev.devgodzilla.contracts.messages.StepStarted;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;

/** A worker dies in the middle of a step; the step's lease runs out and another worker completes it. */
@ExtendWith(LocalStackExtension.class)
class WorkerFailoverIT {

    @Test
    void aStepWhoseWorkerDiesIsCompletedByAnotherWorker(LocalStack stack) throws Exception {
        try (BusClient bus = new BusClient(stack.kafka.bootstrapServers(), List.of(Topics.STEP_EVENTS))) {
            String stepId = PipelineIT.newStepId();
            bus.publish(StepRequest.of(stepId, "dummy", "print begin\nsleep 6\nwrite after.txt survived\n"));

            // the first worker takes the step ...
            StepStarted first = await().atMost(Duration.ofSeconds(60)).until(() -> bus
                    .messages(Topics.STEP_EVENTS, stepId, StepEvent.class).stream()
                    .filter(StepStarted.class::isInstance).map(StepStarted.class::cast).findFirst().orElse(null),
                    s -> s != null);
            ServiceProcess dying = stack.worker(first.source());

            // ... and dies with it, children and all
            dying.kill();
            assertThat(dying.isAlive()).isFalse();
            String survivor = first.source().equals(LocalStack.WORKER_1) ? LocalStack.WORKER_2 : LocalStack.WORKER_1 + "b";
            stack.startWorker(survivor);

            // the second worker completes the step; execution-service counts only the attempt it holds
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> given().baseUri(stack.execution.baseUrl())
                    .get("/steps/{id}", stepId).then().statusCode(200)
                    .body("state", anyOf(equalTo("COMPLETED"), equalTo("QA_PASSED"))));
            int finalAttempt = given().baseUri(stack.execution.baseUrl()).get("/steps/{id}", stepId)
                    .then().extract().path("attempt");
            StepCompleted completed = bus.messages(Topics.STEP_EVENTS, stepId, StepEvent.class).stream()
                    .filter(StepCompleted.class::isInstance).map(StepCompleted.class::cast)
                    .filter(c -> c.attempt() == finalAttempt).findFirst().orElseThrow();
            assertThat(completed.source()).isEqualTo(survivor);
            assertThat(completed.artifacts().changedFiles()).anyMatch(f -> f.path().equals("after.txt"));
        }
    }
}
