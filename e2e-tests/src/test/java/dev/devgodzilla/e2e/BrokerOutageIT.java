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
        try (BusClient bus = new BusClient(stack.kafka.bootstrapServers(), List.of(Topics.STEP_EVENTS))) {
            List<String> ids = stack.runStepsOnOneWorker(bus, WORKER, STEPS, "print go\nsleep 6\nprint done\n");

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
                lost += bus.stepEvents(id, StepCompleted.class).isEmpty() ? 1 : 0;
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


    private static int indexOf(List<StepEvent> events, Class<? extends StepEvent> type) {
        for (int i = 0; i < events.size(); i++) {
            if (type.isInstance(events.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
