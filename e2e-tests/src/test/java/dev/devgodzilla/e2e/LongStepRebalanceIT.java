package dev.devgodzilla.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.devgodzilla.contracts.Topics;
import dev.devgodzilla.contracts.messages.StepCompleted;
import dev.devgodzilla.contracts.messages.StepRequest;
import dev.devgodzilla.contracts.messages.StepStarted;

/**
 * Fault case 4: a step that runs three times longer than the job consumer's {@code max.poll.interval.ms},
 * and a second worker joining the group while it runs, so its job's partition moves: it still runs once.
 */
@ExtendWith(LocalStackExtension.class)
class LongStepRebalanceIT {
    /** Short, so the step outlasts it three times over (a system property: the channel's name has a dash). */
    private static final Map<String, String> SHORT_POLL_INTERVAL =
            Map.of("JAVA_TOOL_OPTIONS", "-Dmp.messaging.incoming.sandbox-jobs.max.poll.interval.ms=5000");

    @Test
    void aStepLongerThanThePollIntervalWithARebalanceDuringItRunsOnce(LocalStack stack) throws Exception {
        stack.startWorker("long-1", SHORT_POLL_INTERVAL);
        stack.keepOnlyWorkers(List.of("long-1"));
        try (BusClient bus = new BusClient(stack.kafka.bootstrapServers(), List.of(Topics.STEP_EVENTS))) {
            String stepId = PipelineIT.newStepId();
            bus.publish(StepRequest.of(stepId, "dummy", "print go\nsleep 15\nprint done\n").withQaCommand("true"));
            await().atMost(Duration.ofSeconds(60)).until(() -> !bus.stepEvents(stepId, StepStarted.class).isEmpty());

            // a worker joins: the group rebalances and one of the job topic's partitions moves to it
            stack.startWorker("long-2", SHORT_POLL_INTERVAL);

            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> "QA_PASSED".equals(stack.state(stepId)));
            Thread.sleep(2_000); // a second run, if there were one, would have started by now
            assertThat(bus.stepEvents(stepId, StepStarted.class)).as("runs of the step").hasSize(1);
            assertThat(bus.stepEvents(stepId, StepCompleted.class)).hasSize(1);
            assertThat(stack.attempt(stepId)).isEqualTo(1);
        }
    }

}
