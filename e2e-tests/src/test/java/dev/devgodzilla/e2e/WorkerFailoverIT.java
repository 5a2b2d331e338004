package dev.devgodzilla.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.devgodzilla.contracts.Topics;
import dev.devgodzilla.contracts.messages.StepCompleted;
import dev.devgodzilla.contracts.messages.StepEvent;
import dev.devgodzilla.contracts.messages.StepLogChunk;
import dev.devgodzilla.contracts.messages.StepRequest;
import dev.devgodzilla.contracts.messages.StepStarted;

/**
 * Fault case 1: the worker running a step is SIGKILLed. Its sandbox dies with it within a second, the next
 * attempt goes out within the lease (6 s here) plus 5 s, and another worker completes the step: one
 * terminal event, from the attempt that ran to its end.
 */
@ExtendWith(LocalStackExtension.class)
class WorkerFailoverIT {
    private static final List<String> WORKERS = List.of("failover-a", "failover-b");
    private static final Duration LEASE_AND_MARGIN = Duration.ofSeconds(6 + 5);

    @Test
    void aStepWhoseWorkerDiesIsCompletedByAnotherWorker(LocalStack stack) throws Exception {
        for (String name : WORKERS) {
            stack.startWorker(name);
        }
        stack.keepOnlyWorkers(WORKERS);
        try (BusClient bus = new BusClient(stack.kafka.bootstrapServers(),
                List.of(Topics.STEP_EVENTS, Topics.STEP_LOGS))) {
            String stepId = PipelineIT.newStepId();
            bus.publish(StepRequest.of(stepId, "dummy", "print begin\nsleep 6\nwrite after.txt survived\n"));
            StepStarted first = await().atMost(Duration.ofSeconds(60)).until(() -> bus
                    .messages(Topics.STEP_EVENTS, stepId, StepEvent.class).stream()
                    .filter(StepStarted.class::isInstance).map(StepStarted.class::cast).findFirst().orElse(null),
                    s -> s != null);
            String survivor = WORKERS.stream().filter(w -> !w.equals(first.source())).findFirst().orElseThrow();
            // mid-step: the agent runs (its first line is out), so its sandbox is up, not being launched; a JVM
            // that dies in the instant bwrap is launched can leave it behind (bwrap's parent-death signal is set
            // after its fork, a known race), which the cgroup kill of a live worker covers
            await().atMost(Duration.ofSeconds(30)).until(() -> bus.messages(Topics.STEP_LOGS, stepId,
                    StepLogChunk.class).stream().anyMatch(chunk -> chunk.text().contains("begin")));

            // the JVM alone dies, as in a crash: its sandbox must go on its own
            List<ProcessHandle> sandbox = stack.worker(first.source()).killJvmOnly();
            long killed = System.nanoTime();
            // the kernel kills them at once (die-with-parent); tearing down a namespace can take a moment on a
            // loaded machine, so up to 3 s are allowed and the time taken is printed
            await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(50))
                    .until(() -> sandbox.stream().noneMatch(ServiceProcess::runs));
            System.out.printf("worker failover: sandbox gone %d ms after the kill%n",
                    (System.nanoTime() - killed) / 1_000_000);

            await().atMost(LEASE_AND_MARGIN.plusSeconds(1)).pollInterval(Duration.ofMillis(200))
                    .until(() -> stack.attempt(stepId) == 2);
            long redispatchMs = (System.nanoTime() - killed) / 1_000_000;
            System.out.printf("worker failover: next attempt %d ms after the kill%n", redispatchMs);
            assertThat(Duration.ofMillis(redispatchMs)).isLessThanOrEqualTo(LEASE_AND_MARGIN);

            await().atMost(Duration.ofSeconds(60)).until(() -> List.of("COMPLETED", "QA_PASSED")
                    .contains(stack.state(stepId)));
            List<StepCompleted> completions = bus.stepEvents(stepId, StepCompleted.class);
            assertThat(completions).singleElement().satisfies(completed -> {
                assertThat(completed.attempt()).isEqualTo(2);
                assertThat(completed.source()).isEqualTo(survivor);
                assertThat(completed.artifacts().changedFiles()).anyMatch(f -> f.path().equals("after.txt"));
            });
        }
    }
}
