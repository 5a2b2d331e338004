package dev.devgodzilla.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.devgodzilla.contracts.messages.StepRequest;
import dev.devgodzilla.e2e.TraceCollector.ReceivedSpan;

/**
 * Where a step's time goes, read from its trace: the benchmark sends each one-at-a-time step with a
 * {@code traceparent} of its own and notes the wall-clock instant it sent it; each span of the step's trace is
 * then an offset from that instant (the services run on the same host clock) and a duration. Printed as the
 * median over the steps, per service and span name, in the order they start: the hops of the pipeline and what
 * each costs.
 */
final class StepHops {
    /** The services export their spans in batches every half second; the last steps' are in after this. */
    private static final Duration EXPORT_DELAY = Duration.ofSeconds(2);
    /** How many spans of one name a step's hops show (a service may publish or read a topic several times). */
    private static final int REPEATS = 3;
    /** Where a step's path ends: its QA result read by execution-service (the agents' metrics are read later). */
    private static final String PATH_END = "execution-service qa-results receive";

    private final TraceCollector traces;
    private final Map<String, Long> sentAtNanos = new LinkedHashMap<>();

    StepHops(TraceCollector traces) {
        this.traces = traces;
    }

    void publish(BusClient bus, StepRequest request) throws Exception {
        String traceId = TracingIT.randomHex(16);
        Instant now = Instant.now();
        sentAtNanos.put(traceId, now.getEpochSecond() * 1_000_000_000L + now.getNano());
        bus.publish(request, "00-" + traceId + "-" + TracingIT.randomHex(8) + "-01");
    }

    void print() throws InterruptedException {
        Thread.sleep(EXPORT_DELAY.toMillis());
        Map<String, List<double[]>> byHop = new HashMap<>();
        Map<String, double[]> slowest = Map.of();
        double slowestEnd = -1;
        for (var sentAt : sentAtNanos.entrySet()) {
            Map<String, double[]> hops = hops(sentAt.getKey(), sentAt.getValue());
            hops.forEach((hop, at) -> byHop.computeIfAbsent(hop, h -> new ArrayList<>()).add(at));
            double end = hops.containsKey(PATH_END) ? hops.get(PATH_END)[0]
                    : hops.values().stream().mapToDouble(at -> at[0] + at[1]).max().orElse(0);
            if (end > slowestEnd) {
                slowestEnd = end;
                slowest = hops;
            }
        }
        System.out.printf("hops of one step (median over %d traced steps; offset from the request's send)%n",
                sentAtNanos.size());
        System.out.printf("hop  %-58s %10s %10s%n", "service span", "at, ms", "takes, ms");
        byHop.entrySet().stream()
                .filter(e -> e.getValue().size() * 2 >= sentAtNanos.size())
                .sorted(Comparator.comparingDouble(e -> median(e.getValue(), 0)))
                .forEach(e -> System.out.printf("hop  %-58s %10.1f %10.1f%n", e.getKey(), median(e.getValue(), 0),
                        median(e.getValue(), 1)));
        // a median hides where an outlier lost its time
        System.out.printf("hops of the slowest traced step (its QA result read at %.1f ms)%n", slowestEnd);
        slowest.entrySet().stream().sorted(Comparator.comparingDouble(e -> e.getValue()[0]))
                .forEach(e -> System.out.printf("hop  %-58s %10.1f %10.1f%n", e.getKey(), e.getValue()[0],
                        e.getValue()[1]));
    }

    /**
     * Each span of one step's trace, its offset from the send and duration: per service and name, the first
     * {@value #REPEATS} in the order they start, the later ones numbered ("step-events publish #2" is the terminal
     * event's where the first is StepStarted's).
     */
    private Map<String, double[]> hops(String traceId, long sentNanos) {
        Map<String, List<ReceivedSpan>> byName = new HashMap<>();
        for (ReceivedSpan span : traces.trace(traceId)) {
            byName.computeIfAbsent(span.service() + " " + span.name(), name -> new ArrayList<>()).add(span);
        }
        Map<String, double[]> hops = new HashMap<>();
        byName.forEach((name, spans) -> {
            spans.sort(Comparator.comparingLong(ReceivedSpan::startNanos));
            for (int i = 0; i < Math.min(REPEATS, spans.size()); i++) {
                ReceivedSpan span = spans.get(i);
                hops.put(i == 0 ? name : name + " #" + (i + 1), new double[] {
                        (span.startNanos() - sentNanos) / 1e6, (span.endNanos() - span.startNanos()) / 1e6});
            }
        });
        return hops;
    }

    private static double median(List<double[]> values, int index) {
        double[] sorted = values.stream().mapToDouble(v -> v[index]).sorted().toArray();
        return sorted[sorted.length / 2];
    }
}
