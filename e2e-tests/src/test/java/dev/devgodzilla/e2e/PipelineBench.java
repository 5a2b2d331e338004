package dev.devgodzilla.e2e;

import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.devgodzilla.contracts.Json;
import dev.devgodzilla.contracts.Topics;
import dev.devgodzilla.contracts.messages.SandboxMode;
import dev.devgodzilla.contracts.messages.StepEvent;
import dev.devgodzilla.contracts.messages.StepRequest;
import dev.devgodzilla.contracts.messages.StepStarted;

/**
 * The pipeline's figures beside their physical floor, measured from outside on one clock: a producer of its own
 * on {@code step-requests} and a consumer on {@code step-events}. Run by {@code bench/pipeline.sh}, never by the
 * suite (its name is no IT): figures are printed, not asserted.
 */
@ExtendWith(LocalStackExtension.class)
class PipelineBench {
    private static final int ROUND_TRIPS = Integer.getInteger("dg.bench.round-trips", 50);
    private static final int SINGLE = Integer.getInteger("dg.bench.single", 30);
    private static final int BURST = Integer.getInteger("dg.bench.burst", 200);
    private static final int CAPACITY = Integer.getInteger("dg.bench.capacity", 8);
    private static final String WORKER = "bench-worker";
    private static final int IDLE_SECONDS = 5;
    /** After a step's QA result, for the services reading it to record it before the next step one at a time. */
    private static final long SETTLE_MS = 50;
    /** With the stack traced ({@code -Ddg.e2e.tracing=true}): where one step's time goes, from its spans. */
    private static final boolean HOPS = LocalStack.TRACING;

    @Test
    void pipelineFiguresBesideTheirFloor(LocalStack stack) throws Exception {
        stack.startWorker(WORKER, Map.of("DG_WORKER_CAPACITY", Integer.toString(CAPACITY)));
        stack.keepOnlyWorkers(List.of(WORKER));
        try (BusClient bus = new BusClient(stack.kafka.bootstrapServers(),
                List.of(Topics.STEP_EVENTS, Topics.STEP_FEEDBACK, Topics.QA_RESULTS))) {
            Map<String, Long> idle = residentMemory(stack);
            List<Double> roundTrips = kafkaRoundTrips(bus);
            List<Double> directStarts = directDummyStarts(stack);
            List<Double> sandboxed = SandboxedFloor.dummyStarts(stack.root, SINGLE, SandboxMode.WORKSPACE_WRITE);
            List<Double> restricted = SandboxedFloor.dummyStarts(stack.root, SINGLE, SandboxMode.NETWORK_RESTRICTED);
            for (int i = 0; i < 5; i++) {
                oneStep(bus); // warm-up
            }
            List<Double> toStarted = new ArrayList<>();
            List<Double> toEnd = new ArrayList<>();
            List<Double> toQa = new ArrayList<>();
            // only a traced stack has spans to read hops from
            StepHops hops = HOPS ? new StepHops(stack.traces) : null;
            for (int i = 0; i < SINGLE; i++) {
                double[] figures = oneStep(bus, hops);
                toStarted.add(figures[0]);
                toEnd.add(figures[1]);
                toQa.add(figures[2]);
            }
            // warm by now: what the stack spends with nothing to do, before the burst
            Map<String, Double> idleCpuMs = idleCpu(stack);
            Burst burst = burst(bus, stack);

            System.out.println("pipeline benchmark (" + SINGLE + " steps one at a time, a burst of " + BURST
                    + ", one worker of capacity " + CAPACITY + ")");
            System.out.printf("%-44s %s%n", "figure", "p50 / p90 / p99 / max, ms");
            line("floor: Kafka round trip (acks=all -> poll)", roundTrips, null);
            line("floor: dummy agent started directly", directStarts, null);
            line("floor: sandbox open + dummy run + close", sandboxed, directStarts);
            line("floor: the same, NETWORK_RESTRICTED", restricted, directStarts);
            line("StepRequest -> StepStarted, one at a time", toStarted, roundTrips);
            line("StepRequest -> terminal event, one at a time", toEnd, directStarts);
            line("StepRequest -> QA result, one at a time", toQa, directStarts);
            line("burst: StepRequest -> StepStarted", burst.toStarted, roundTrips);
            System.out.printf("burst of %d: all ended in %d ms, %.1f steps/s; all QA results in %d ms, %.1f steps/s;"
                    + " states %s%n", BURST, burst.wallMs, BURST * 1000.0 / burst.wallMs, burst.qaWallMs,
                    BURST * 1000.0 / burst.qaWallMs, burst.states);
            burst.cpuMs.forEach((part, ms) -> {
                if (ms > 0 || idleCpuMs.get(part) > 0) { // a service that starts no processes has no child line
                    System.out.printf("burst cpu per step: %-45s %6.1f ms   (idle: %5.1f ms per second)%n", part,
                            ms / BURST, idleCpuMs.get(part) / IDLE_SECONDS);
                }
            });
            Map<String, Long> afterBurst = residentMemory(stack);
            idle.forEach((service, mb) -> System.out.printf("resident memory %s: idle %d MB, after the burst %d MB%n",
                    service, mb, afterBurst.get(service)));
            if (hops != null) {
                hops.print();
            }
        }
    }

    /** The CPU each part spends while the stack waits for work, over {@link #IDLE_SECONDS}. */
    private static Map<String, Double> idleCpu(LocalStack stack) throws Exception {
        Map<String, Double> before = CpuUse.snapshot(services(stack), stack.postgres.port());
        Thread.sleep(IDLE_SECONDS * 1000L);
        return CpuUse.spent(before, CpuUse.snapshot(services(stack), stack.postgres.port()));
    }

    /** Produce with acks=all and poll it back, on a topic no service reads. */
    private static List<Double> kafkaRoundTrips(BusClient bus) throws Exception {
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < ROUND_TRIPS + 5; i++) {
            String key = "bench-rt-" + i + "-" + System.nanoTime();
            long start = System.nanoTime();
            bus.publishRaw(Topics.STEP_FEEDBACK, key, "{}");
            ConsumerRecord<String, String> back = awaitRecord(bus, Topics.STEP_FEEDBACK, key, r -> true);
            if (i >= 5) {
                ms.add((bus.arrivedAt(back) - start) / 1e6);
            }
        }
        return ms;
    }

    /** The dummy agent's script run as a plain process, no sandbox: the least a step's run can cost. */
    private static List<Double> directDummyStarts(LocalStack stack) throws Exception {
        Path script = stack.root.resolve("sandbox-worker/src/main/resources/engines/dg-dummy-agent");
        List<Double> ms = new ArrayList<>();
        Path dir = Files.createTempDirectory("dg-bench-");
        for (int i = 0; i < SINGLE + 5; i++) {
            long start = System.nanoTime();
            // as the worker runs it: by its bash shebang
            Process process = new ProcessBuilder("bash", script.toString(), "print ok").directory(dir.toFile())
                    .redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (process.waitFor() != 0) {
                throw new IllegalStateException("the dummy agent failed: " + new String(output));
            }
            if (i >= 5) {
                ms.add((System.nanoTime() - start) / 1e6);
            }
        }
        return ms;
    }

    /**
     * One no-op step: ms from publishing its request to its StepStarted, to its terminal event and to its QA result.
     * It returns once the step's QA result is out and its readers had a moment for it, so the next step starts on a
     * quiet stack (one at a time means the previous step's QA is not still running beside it).
     */
    private static double[] oneStep(BusClient bus) throws Exception {
        return oneStep(bus, null);
    }

    private static double[] oneStep(BusClient bus, StepHops hops) throws Exception {
        String stepId = PipelineIT.newStepId();
        StepRequest request = StepRequest.of(stepId, "dummy", "print ok").withQaCommand("true");
        long start = System.nanoTime();
        if (hops != null) {
            hops.publish(bus, request);
        } else {
            bus.publish(request);
        }
        ConsumerRecord<String, String> end = awaitRecord(bus, Topics.STEP_EVENTS, stepId, PipelineBench::terminal);
        ConsumerRecord<String, String> started = awaitRecord(bus, Topics.STEP_EVENTS, stepId,
                r -> Json.read(r.value(), StepEvent.class) instanceof StepStarted);
        ConsumerRecord<String, String> qa = awaitRecord(bus, Topics.QA_RESULTS, stepId, r -> true);
        Thread.sleep(SETTLE_MS);
        return new double[] {(bus.arrivedAt(started) - start) / 1e6, (bus.arrivedAt(end) - start) / 1e6,
                (bus.arrivedAt(qa) - start) / 1e6};
    }

    private record Burst(List<Double> toStarted, long wallMs, long qaWallMs, Map<String, Integer> states,
                         Map<String, Double> cpuMs) {
    }

    /**
     * Publishes {@link #BURST} steps at once and waits, on the bus, for each one's StepStarted, terminal event and
     * QA result; the CPU its processes spent is read from the first publish to the last QA result.
     */
    private static Burst burst(BusClient bus, LocalStack stack) throws Exception {
        Map<String, Long> published = new LinkedHashMap<>();
        Map<String, Double> cpuBefore = CpuUse.snapshot(services(stack), stack.postgres.port());
        long start = System.nanoTime();
        for (int i = 0; i < BURST; i++) {
            String stepId = PipelineIT.newStepId();
            published.put(stepId, System.nanoTime());
            bus.publish(StepRequest.of(stepId, "dummy", "print ok").withQaCommand("true"));
        }
        List<Double> toStarted = new ArrayList<>();
        long lastEnd = start;
        long lastQa = start;
        for (var step : published.entrySet()) {
            ConsumerRecord<String, String> qa = awaitRecord(bus, Topics.QA_RESULTS, step.getKey(), r -> true);
            ConsumerRecord<String, String> end = awaitRecord(bus, Topics.STEP_EVENTS, step.getKey(),
                    PipelineBench::terminal);
            ConsumerRecord<String, String> started = awaitRecord(bus, Topics.STEP_EVENTS, step.getKey(),
                    r -> Json.read(r.value(), StepEvent.class) instanceof StepStarted);
            toStarted.add((bus.arrivedAt(started) - step.getValue()) / 1e6);
            lastEnd = Math.max(lastEnd, bus.arrivedAt(end));
            lastQa = Math.max(lastQa, bus.arrivedAt(qa));
        }
        Map<String, Double> cpuMs = CpuUse.spent(cpuBefore, CpuUse.snapshot(services(stack), stack.postgres.port()));
        Map<String, Integer> states = new TreeMap<>();
        await().atMost(Duration.ofSeconds(120)).until(() -> published.keySet().stream()
                .allMatch(id -> stack.state(id).startsWith("QA_") || stack.state(id).equals("FAILED")));
        published.keySet().forEach(id -> states.merge(stack.state(id), 1, Integer::sum));
        return new Burst(toStarted, (lastEnd - start) / 1_000_000, (lastQa - start) / 1_000_000, states, cpuMs);
    }

    private static boolean terminal(ConsumerRecord<String, String> record) {
        return switch (Json.read(record.value(), StepEvent.class).type()) {
            case COMPLETED, FAILED, BLOCKED -> true;
            default -> false;
        };
    }

    private static ConsumerRecord<String, String> awaitRecord(BusClient bus, String topic, String key,
                                                              Predicate<ConsumerRecord<String, String>> matching)
            throws InterruptedException {
        return bus.awaitRecord(topic, key, matching, Duration.ofSeconds(300));
    }

    private static List<ServiceProcess> services(LocalStack stack) {
        List<ServiceProcess> all = new ArrayList<>(List.of(stack.registry, stack.execution, stack.qa));
        all.add(stack.worker(WORKER));
        return all;
    }

    /** Each service's resident set now, in MB, by name. */
    private static Map<String, Long> residentMemory(LocalStack stack) throws Exception {
        Map<String, Long> mb = new LinkedHashMap<>();
        for (ServiceProcess service : services(stack)) {
            mb.put(service.name(), residentMb(service.pid()));
        }
        return mb;
    }

    private static long residentMb(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }

    private static void line(String figure, List<Double> ms, List<Double> floor) {
        List<Double> sorted = new ArrayList<>(ms);
        Collections.sort(sorted);
        String ratio = floor == null ? "" : String.format("   (p50 %.0fx its floor)",
                percentile(sorted, 50) / percentile(sortedCopy(floor), 50));
        System.out.printf("%-44s %.1f / %.1f / %.1f / %.1f%s%n", figure, percentile(sorted, 50),
                percentile(sorted, 90), percentile(sorted, 99), sorted.getLast(), ratio);
    }

    private static List<Double> sortedCopy(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted;
    }

    private static double percentile(List<Double> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
