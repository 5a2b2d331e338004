package dev.devgodzilla.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.devgodzilla.contracts.Topics;
import dev.devgodzilla.contracts.messages.StepCompleted;
import dev.devgodzilla.contracts.messages.StepEvent;
import dev.devgodzilla.contracts.messages.StepRequest;
import dev.devgodzilla.contracts.messages.StepStarted;

/**
 * At most one run per attempt: the job of a running attempt, delivered again to every worker (as a
 * rebalance or a worker's restart before its offset commit would), never starts the agent a second time.
 */
@ExtendWith(LocalStackExtension.class)
class AttemptRunsOnceIT {
    private static final String OTHER_WORKER = "worker-once-2";
    private static final String HOLDER_CANDIDATE = "worker-once-1";

    @Test
    void aRedeliveredJobOfAClaimedAttemptNeverRunsAgain(LocalStack stack) throws Exception {
        ServiceProcess other = stack.startWorker(OTHER_WORKER);
        // two workers in the group, one partition each once it has rebalanced
        stack.startWorker(HOLDER_CANDIDATE);
        stack.keepOnlyWorkers(List.of(OTHER_WORKER, HOLDER_CANDIDATE));
        try (BusClient bus = new BusClient(stack.kafka.bootstrapServers(),
                List.of(Topics.STEP_EVENTS, Topics.jobsFor("dummy")))) {
            String stepId = PipelineIT.newStepId();
            bus.publish(StepRequest.of(stepId, "dummy", "print begin\nsleep 4\nprint end\n"));
            StepStarted started = await().atMost(Duration.ofSeconds(60)).until(() -> bus
                            .messages(Topics.STEP_EVENTS, stepId, StepEvent.class).stream()
                            .filter(StepStarted.class::isInstance).map(StepStarted.class::cast).findFirst().orElse(null),
                    s -> s != null);

            // the same job, once on every partition: each worker gets a copy while the attempt runs
            ConsumerRecord<String, String> job = await().atMost(Duration.ofSeconds(10))
                    .until(() -> bus.records(Topics.jobsFor("dummy"), stepId), r -> !r.isEmpty()).getFirst();
            for (int p = 0; p < bus.partitions(Topics.jobsFor("dummy")); p++) {
                bus.publishTo(Topics.jobsFor("dummy"), p, stepId, job.value());
            }

            await().atMost(Duration.ofSeconds(60)).until(() -> bus.messages(Topics.STEP_EVENTS, stepId, StepEvent.class)
                    .stream().anyMatch(StepCompleted.class::isInstance));
            Thread.sleep(2000);
            List<StepEvent> events = bus.messages(Topics.STEP_EVENTS, stepId, StepEvent.class);
            assertThat(events).filteredOn(StepStarted.class::isInstance).as("runs of attempt 1").hasSize(1);
            assertThat(events).filteredOn(StepCompleted.class::isInstance).hasSize(1);
            given().baseUri(stack.execution.baseUrl()).get("/steps/{id}", stepId).then().statusCode(200)
                    .body("attempt", equalTo(1));
            // the copies reached the workers and were turned away: by execution-service at the claim, or by the
            // holder, which knows it runs the attempt (a worker that joined just now may get its partition
            // only after the holder has read both copies)
            await().atMost(Duration.ofSeconds(30)).until(() -> stack.aliveWorkers().stream()
                    .anyMatch(w -> turnedAway(w, stepId, started.source())));
        } finally {
            other.kill();
        }
    }

    private static boolean turnedAway(ServiceProcess worker, String stepId, String holder) {
        String log;
        try {
            log = worker.log();
        } catch (java.io.IOException e) {
            return false;
        }
        return log.lines().anyMatch(line -> line.contains("step " + stepId + " attempt 1 not run here")
                && line.contains("already claimed by " + holder + "#")
                || worker.name().equals(holder) && line.contains("step " + stepId + " attempt 1 (or a newer one)"
                + " was already accepted here"));
    }
}
