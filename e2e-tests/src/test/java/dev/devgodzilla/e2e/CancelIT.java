package dev.devgodzilla.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.devgodzilla.contracts.Topics;
import dev.devgodzilla.contracts.messages.FailureCode;
import dev.devgodzilla.contracts.messages.StepEvent;
import dev.devgodzilla.contracts.messages.StepFailed;
import dev.devgodzilla.contracts.messages.StepRequest;
import dev.devgodzilla.contracts.messages.StepStarted;
import dev.devgodzilla.testkit.TestApiTokens;

/**
 * A cancel reaches a step wherever it is: running on a worker, or taken by a full worker and waiting there
 * for a slot (which the step shows).
 */
@ExtendWith(LocalStackExtension.class)
class CancelIT {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String WORKER = "cancel-worker";

    @Test
    void aRunningStepAndAQueuedOneAreBothCancelledAndTheQueuedOneNeverStarts(LocalStack stack) throws Exception {
        try (BusClient bus = new BusClient(stack.kafka.bootstrapServers(), List.of(Topics.STEP_EVENTS))) {
            // one worker of two slots, both busy, and one more step behind them
            stack.startWorker(WORKER, Map.of("DG_WORKER_CAPACITY", "2"));
            stack.keepOnlyWorkers(List.of(WORKER));
            int slots = 2;
            List<String> running = new ArrayList<>();
            for (int i = 0; i < slots; i++) {
                String stepId = PipelineIT.newStepId();
                running.add(stepId);
                bus.publish(StepRequest.of(stepId, "dummy", "print busy\nsleep 60\n"));
            }
            await().atMost(PATIENCE).until(() -> running.stream().allMatch(id -> started(bus, id)));
            String queued = PipelineIT.newStepId();
            bus.publish(StepRequest.of(queued, "dummy", "write ran.txt it ran\n"));
            await().atMost(PATIENCE).until(() -> "DISPATCHED".equals(stack.state(queued)));
            // its worker took the job and says it waits for a slot
            await().atMost(PATIENCE).until(() -> waitingOn(stack, queued) != null);
            assertThat(waitingOn(stack, queued)).isEqualTo(WORKER);

            cancel(stack, queued);
            for (String id : running) {
                cancel(stack, id);
            }

            await().atMost(PATIENCE).until(() -> "CANCELLED".equals(stack.state(queued))
                    && running.stream().allMatch(id -> "CANCELLED".equals(stack.state(id))));
            // the running ones were stopped by their workers, which said so
            for (String id : running) {
                await().atMost(PATIENCE).until(() -> bus.messages(Topics.STEP_EVENTS, id, StepEvent.class).stream()
                        .anyMatch(e -> e instanceof StepFailed f && f.code() == FailureCode.CANCELLED));
            }
            // the queued one got a slot once they ended, and its worker was refused at the claim
            Thread.sleep(3000);
            assertThat(started(bus, queued)).as("the cancelled queued step started").isFalse();
        }
    }

    private static boolean started(BusClient bus, String stepId) {
        return !bus.stepEvents(stepId, StepStarted.class).isEmpty();
    }

    private static String waitingOn(LocalStack stack, String stepId) {
        return given().baseUri(stack.execution.baseUrl()).get("/steps/{id}", stepId).then().extract()
                .path("waitingOn");
    }

    private static void cancel(LocalStack stack, String stepId) {
        given().baseUri(stack.execution.baseUrl()).auth().oauth2(TestApiTokens.OPERATOR)
                .post("/steps/{id}/cancel", stepId).then().statusCode(202);
    }
}
