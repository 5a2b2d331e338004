package dev.devgodzilla.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.devgodzilla.contracts.Topics;
import dev.devgodzilla.contracts.messages.StepStarted;

/**
 * Fault case 7: execution-service restarted, as a rolling update does, while 20 steps run. Its leases
 * outlive the restart (the start-up grace and the heartbeats it reads on its way back), so no step gets a
 * second attempt and none runs twice.
 */
@ExtendWith(LocalStackExtension.class)
class ExecutionRestartIT {
    private static final int STEPS = 20;
    private static final String WORKER = "restart-worker";

    @Test
    void restartingExecutionServiceDuringTwentyRunningStepsExpiresNoLeaseAndRunsNoStepTwice(LocalStack stack)
            throws Exception {
        try (BusClient bus = new BusClient(stack.kafka.bootstrapServers(), List.of(Topics.STEP_EVENTS))) {
            // one worker with a slot for every step, so all of them run across the restart
            List<String> ids = stack.runStepsOnOneWorker(bus, WORKER, STEPS, "print go\nsleep 12\nprint done\n");

            long restartStart = System.nanoTime();
            stack.restartExecution();
            long restartMs = (System.nanoTime() - restartStart) / 1_000_000;

            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> ids.stream().allMatch(id -> "QA_PASSED".equals(stack.state(id))));
            int doubled = 0;
            int retried = 0;
            for (String id : ids) {
                doubled += bus.stepEvents(id, StepStarted.class).size() > 1 ? 1 : 0;
                retried += stack.attempt(id) > 1 ? 1 : 0;
            }
            System.out.printf("execution restart: %d running steps, restart took %d ms; all QA_PASSED, "
                    + "second attempts %d, run twice %d%n", STEPS, restartMs, retried, doubled);
            assertThat(retried).as("steps whose lease expired over the restart").isZero();
            assertThat(doubled).as("steps that started twice").isZero();
        }
    }

}
