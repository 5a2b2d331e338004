package dev.devgodzilla.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.devgodzilla.contracts.Json;
import dev.devgodzilla.contracts.Topics;
import dev.devgodzilla.contracts.messages.QaResult;
import dev.devgodzilla.contracts.messages.StepEvent;
import dev.devgodzilla.contracts.messages.StepRequest;
import dev.devgodzilla.contracts.messages.StepStarted;

/**
 * A burst of no-op steps submitted at once by a plain producer, watched by a plain consumer: every step
 * must end {@code QA_PASSED}, none lost, no attempt run twice, no verdict lost. Prints its figures beside
 * the floor measured in the same run (one Kafka round trip, one direct process start). The CI size is
 * {@code dg.burst.steps} (default 100); {@code bench/burst.sh} runs 300.
 */
@ExtendWith(LocalStackExtension.class)
class BurstIT {
    private static final int STEPS = Integer.getInteger("dg.burst.steps", 100);

    @Test
    void everyStepOfABurstEndsQaPassedOnceEach(LocalStack stack) throws Exception {
        String scratch = "bench-floor-" + UUID.randomUUID();
        try (BusClient bus = new BusClient(stack.kafka.bootstrapServers(),
                List.of(Topics.STEP_REQUESTS, Topics.STEP_EVENTS, Topics.QA_RESULTS))) {
            // brokers create no topic on demand: the scratch topic of the floor is made here
            stack.kafka.createTopic(scratch, 1);
            bus.publishRaw(scratch, "warm-up", "x");
            List<Long> kafkaFloor = kafkaRoundTrips(stack, scratch, 20);
            List<Long> processFloor = processStarts(20);

            String run = UUID.randomUUID().toString().substring(0, 8);
            List<String> ids = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < STEPS; i++) {
                String stepId = "burst-" + run + "-" + i;
                ids.add(stepId);
                bus.publish(StepRequest.of(stepId, "dummy", "print ok").withQaCommand("true"));
            }
            await().atMost(Duration.ofSeconds(60 + STEPS * 2L)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> ids.stream().allMatch(id -> !bus.records(Topics.QA_RESULTS, id).isEmpty()));
            long drainMs = (System.nanoTime() - start) / 1_000_000;
            // the state execution-service holds, once the verdicts are in
            await().atMost(Duration.ofSeconds(30)).until(() -> ids.stream().allMatch(id ->
                    "QA_PASSED".equals(given().baseUri(stack.execution.baseUrl()).get("/steps/{id}", id)
                            .then().extract().path("state"))));

            int doubled = 0;
            int verdictsNotPassed = 0;
            List<Long> toStarted = new ArrayList<>();
            for (String id : ids) {
                Map<Integer, Integer> startsPerAttempt = new HashMap<>();
                for (ConsumerRecord<String, String> r : bus.records(Topics.STEP_EVENTS, id)) {
                    if (Json.read(r.value(), StepEvent.class) instanceof StepStarted s) {
                        startsPerAttempt.merge(s.attempt(), 1, Integer::sum);
                        if (startsPerAttempt.size() == 1 && startsPerAttempt.get(s.attempt()) == 1) {
                            toStarted.add(r.timestamp() - bus.records(Topics.STEP_REQUESTS, id).getFirst().timestamp());
                        }
                    }
                }
                doubled += (int) startsPerAttempt.values().stream().filter(n -> n > 1).count();
                Set<String> verdicts = new HashSet<>();
                bus.records(Topics.QA_RESULTS, id).forEach(r -> verdicts.add(
                        Json.read(r.value(), QaResult.class).verdict().name()));
                if (!verdicts.equals(Set.of("PASSED"))) {
                    verdictsNotPassed++;
                }
            }
            System.out.printf("burst of %d no-op steps: all QA_PASSED in %d ms (%.1f steps/s); lost 0, attempts run "
                            + "twice %d, verdicts not PASSED %d%n", STEPS, drainMs, STEPS * 1000.0 / drainMs,
                    doubled, verdictsNotPassed);
            System.out.printf("  StepRequest -> StepStarted: p50 %d ms, p95 %d ms, max %d ms%n",
                    percentile(toStarted, 50), percentile(toStarted, 95), percentile(toStarted, 100));
            System.out.printf("  floor in the same run: one Kafka round trip p50 %d ms; one direct process start "
                    + "p50 %.2f ms%n", percentile(kafkaFloor, 50), percentile(processFloor, 50) / 1000.0);
            assertThat(doubled).as("attempts whose agent started twice").isZero();
            assertThat(verdictsNotPassed).as("steps whose verdict was not PASSED").isZero();
        }
    }

    /** Milliseconds from send to arrival at a consumer, one record at a time. */
    private static List<Long> kafkaRoundTrips(LocalStack stack, String topic, int count) throws Exception {
        List<Long> times = new ArrayList<>();
        try (BusClient floor = new BusClient(stack.kafka.bootstrapServers(), List.of(topic))) {
            for (int i = 0; i < count + 3; i++) {
                String key = "k" + i;
                long sent = System.nanoTime();
                floor.publishRaw(topic, key, "x");
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(1))
                        .until(() -> !floor.records(topic, key).isEmpty());
                if (i >= 3) {
                    times.add((System.nanoTime() - sent) / 1_000_000);
                }
            }
        }
        return times;
    }

    /** Microseconds to start {@code true} and wait for it. */
    private static List<Long> processStarts(int count) throws Exception {
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < count + 5; i++) {
            long start = System.nanoTime();
            new ProcessBuilder("true").start().waitFor();
            if (i >= 5) {
                times.add((System.nanoTime() - start) / 1_000);
            }
        }
        return times;
    }

    private static long percentile(List<Long> values, int p) {
        List<Long> sorted = values.stream().sorted().toList();
        if (sorted.isEmpty()) {
            return -1;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}
