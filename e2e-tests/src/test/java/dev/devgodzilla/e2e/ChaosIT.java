package dev.devgodzilla.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.devgodzilla.contracts.Topics;
import dev.devgodzilla.contracts.messages.QaResult;
import dev.devgodzilla.contracts.messages.StepEvent;
import dev.devgodzilla.contracts.messages.StepRequest;
import dev.devgodzilla.contracts.messages.StepStarted;

/**
 * Steps of 1-3 s on three workers while a random worker's JVM is SIGKILLed and started again every few
 * seconds: no step lost, no attempt whose agent ran twice, no verdict lost, no process of a killed
 * worker's sandboxes left one second after its death. CI runs {@code dg.chaos.steps} (30) for
 * {@code dg.chaos.seconds} (40); {@code bench/chaos.sh} runs 100 for 90 s and prints the figures.
 */
@ExtendWith(LocalStackExtension.class)
class ChaosIT {
    private static final int STEPS = Integer.getInteger("dg.chaos.steps", 30);
    private static final int SECONDS = Integer.getInteger("dg.chaos.seconds", 40);
    private static final Set<String> ENDS = Set.of("QA_PASSED", "QA_FAILED", "FAILED", "TIMED_OUT", "CANCELLED",
            "BLOCKED");

    @Test
    void killedWorkersLoseNoStepAndRunNoAttemptTwice(LocalStack stack) throws Exception {
        List<String> names = List.of("chaos-1", "chaos-2", "chaos-3");
        for (String name : names) {
            stack.startWorker(name);
        }
        stack.keepOnlyWorkers(names);
        Random random = new Random(42);
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = new ArrayList<>();
        try (BusClient bus = new BusClient(stack.kafka.bootstrapServers(),
                List.of(Topics.STEP_EVENTS, Topics.QA_RESULTS))) {
            long start = System.nanoTime();
            for (int i = 0; i < STEPS; i++) {
                String stepId = "chaos-" + run + "-" + i;
                ids.add(stepId);
                bus.publish(StepRequest.of(stepId, "dummy", "print go\nsleep " + (1 + random.nextInt(3)) + "\n")
                        .withQaCommand("true"));
            }

            int kills = 0;
            int leftovers = 0;
            long chaosEnd = System.nanoTime() + SECONDS * 1_000_000_000L;
            while (System.nanoTime() < chaosEnd) {
                Thread.sleep(3000 + random.nextInt(3000));
                List<ServiceProcess> alive = stack.aliveWorkers();
                ServiceProcess victim = alive.get(random.nextInt(alive.size()));
                List<ProcessHandle> sandboxes = victim.killJvmOnly();
                kills++;
                Thread.sleep(1000);
                for (ProcessHandle left : sandboxes.stream().filter(ServiceProcess::runs).toList()) {
                    leftovers++;
                    System.out.printf("chaos: left after %s died: %s%n", victim.name(), describe(left));
                }
                sandboxes.forEach(ProcessHandle::destroyForcibly);
                stack.startWorker(victim.name());
            }

            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> ids.stream().allMatch(id -> ENDS.contains(stack.state(id))));
            long totalMs = (System.nanoTime() - start) / 1_000_000;

            int doubled = 0;
            int verdictsLost = 0;
            int passed = 0;
            int maxAttempt = 0;
            for (String id : ids) {
                Map<Integer, Integer> starts = new HashMap<>();
                bus.messages(Topics.STEP_EVENTS, id, StepEvent.class).stream()
                        .filter(StepStarted.class::isInstance)
                        .forEach(s -> starts.merge(s.attempt(), 1, Integer::sum));
                doubled += (int) starts.values().stream().filter(n -> n > 1).count();
                String state = stack.state(id);
                if ("QA_PASSED".equals(state)) {
                    passed++;
                }
                if (state.startsWith("QA_") && bus.messages(Topics.QA_RESULTS, id, QaResult.class).isEmpty()) {
                    verdictsLost++;
                }
                maxAttempt = Math.max(maxAttempt, stack.attempt(id));
            }
            System.out.printf("chaos: %d steps, %d worker kills in %d s; all ended in %d ms: %d QA_PASSED, lost 0, "
                            + "attempts run twice %d, verdicts lost %d, sandbox processes left after 1 s %d, "
                            + "most attempts of a step %d%n", STEPS, kills, SECONDS, totalMs, passed, doubled,
                    verdictsLost, leftovers, maxAttempt);
            assertThat(doubled).as("attempts whose agent started twice").isZero();
            assertThat(verdictsLost).as("verdicts lost").isZero();
            assertThat(leftovers).as("sandbox processes that outlived their worker by 1 s").isZero();
        }
    }


    /** The /proc view of a process: its stat line and command line. */
    private static String describe(ProcessHandle process) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()),
                    "stat"));
            String cmdline = Files.readString(Path.of("/proc",
                    Long.toString(process.pid()), "cmdline")).replace('\0', ' ');
            return stat.strip() + " | " + cmdline;
        } catch (IOException e) {
            return process.pid() + " gone: " + e.getMessage();
        }
    }
}
