package dev.devgodzilla.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.devgodzilla.contracts.Topics;
import dev.devgodzilla.contracts.messages.StepCompleted;
import dev.devgodzilla.contracts.messages.StepEvent;
import dev.devgodzilla.contracts.messages.StepRequest;
import dev.devgodzilla.contracts.messages.StepStarted;

/**
 * Fault case 6: the broker stopped for 30 s while 20 steps run, then started again. Every step's terminal
 * event arrives once, after its start; the steps whose runs ended in the outage are not run again, since
 * execution-service expires no lease while it cannot reach the broker the heartbeats come through.
 */
@ExtendWith(LocalStackExtension.class)
class BrokerOutageIT {
    private static final int STEPS = 20;
    private static final String WORKER = "outage-worker";
    private static final Duration OUTAGE = Duration.ofSeconds(Integer.getInteger("dg.outage.seconds", 30));

    @Test
    void aThirtySecondBrokerOutageLosesNoTerminalEventAndKeepsEachStepsOrder(LocalStack stack) throws Exception {
        stack.startWorker(WORKER, Map.of("DG_WORKER_CAPACITY", Integer.toString(STEPS)));
        stack.keepOnlyWorkers(List.of(WORKER));
        try (BusClient bus = new BusClient(stack.kafka.bootstrapServers(), List.of(Topics.STEP_EVENTS))) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < STEPS; i++) {
                String stepId = PipelineIT.newStepId();
                ids.add(stepId);
                bus.publish(StepRequest.of(stepId, "dummy", "print go\nsleep 6\nprint done\n").withQaCommand("true"));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> ids.stream().allMatch(id -> !of(bus, id,
                    StepStarted.class).isEmpty()));

            stack.kafka.stopBroker();
            Thread.sleep(OUTAGE.toMillis());
            long back = System.nanoTime();
            stack.kafka.startBroker();

            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> ids.stream().allMatch(id -> "QA_PASSED".equals(stack.state(id))));
            long recoveryMs = (System.nanoTime() - back) / 1_000_000;
            int lost = 0;
            int outOfOrder = 0;
            int retried = 0;
            for (String id : ids) {
                List<StepEvent> events = bus.messages(Topics.STEP_EVENTS, id, StepEvent.class);
                lost += of(bus, id, StepCompleted.class).isEmpty() ? 1 : 0;
                int started = indexOf(events, StepStarted.class);
                int completed = indexOf(events, StepCompleted.class);
                outOfOrder += started < 0 || completed < started ? 1 : 0;
                retried += stack.attempt(id) > 1 ? 1 : 0;
            }
            System.out.printf("broker outage: %d running steps, broker away %d s; all QA_PASSED %d ms after it was "
                    + "back; terminal events lost %d, out of order %d, second attempts %d%n", STEPS,
                    OUTAGE.toSeconds(), recoveryMs, lost, outOfOrder, retried);
            assertThat(lost).as("steps whose terminal event was lost").isZero();
            assertThat(outOfOrder).as("steps whose events arrived out of order").isZero();
            assertThat(retried).as("steps run again after the outage").isZero();
        }
    }

    private static <T extends StepEvent> List<T> of(BusClient bus, String stepId, Class<T> type) {
        return bus.messages(Topics.STEP_EVENTS, stepId, StepEvent.class).stream()
                .filter(type::isInstance).map(type::cast).toList();
    }

    private static int indexOf(List<StepEvent> events, Class<? extends StepEvent> type) {
        for (int i = 0; i < events.size(); i++) {
            if (type.isInstance(events.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
