package dev.devgodzilla.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.devgodzilla.contracts.Topics;
import dev.devgodzilla.contracts.messages.StepRequest;
import dev.devgodzilla.e2e.TraceCollector.ReceivedSpan;

/**
 * One trace per step: a producer that sends a {@code traceparent} with its StepRequest finds, in the spans the
 * services export, its own trace continued through execution-service, the job, the worker's attempt with its
 * sandbox phases, the events and QA.
 */
@ExtendWith(LocalStackExtension.class)
class TracingIT {
    private static LocalStack stack;
    private static BusClient bus;

    @BeforeAll
    static void connect(LocalStack localStack) throws Exception {
        stack = localStack;
        stack.ensureAWorker();
        bus = new BusClient(stack.kafka.bootstrapServers(), List.of(Topics.STEP_EVENTS, Topics.QA_RESULTS));
    }

    @AfterAll
    static void close() throws InterruptedException {
        bus.close();
    }

    @Test
    void theSpansOfOneStepShareTheTraceItsProducerStarted() throws Exception {
        assumeTrue(LocalStack.TRACING, "the stack runs without tracing (-Ddg.e2e.tracing=false)");
        String traceId = randomHex(16);
        String producerSpan = randomHex(8);
        String stepId = PipelineIT.newStepId();
        bus.publish(StepRequest.of(stepId, "dummy", "print traced").withQaCommand("true"),
                "00-" + traceId + "-" + producerSpan + "-01");
        await().atMost(Duration.ofSeconds(90)).until(() -> "QA_PASSED".equals(stack.state(stepId)));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<ReceivedSpan> spans = stack.traces.trace(traceId);
            Set<String> services = spans.stream().map(ReceivedSpan::service).collect(Collectors.toSet());
            Set<String> names = spans.stream().map(ReceivedSpan::name).collect(Collectors.toSet());
            assertThat(services).as("services in trace %s: %s", traceId, describe(spans))
                    .contains("execution-service", "sandbox-worker", "qa-service");
            assertThat(names).as("spans in trace %s: %s", traceId, describe(spans))
                    .contains(Topics.STEP_REQUESTS + " receive", Topics.jobsFor("dummy") + " publish",
                            Topics.jobsFor("dummy") + " receive", "attempt", "workspace prepare", "sandbox open",
                            "sandbox run", "capture", Topics.STEP_EVENTS + " publish", "qa",
                            "qa check", Topics.QA_JOB_RESULTS + " publish", Topics.QA_RESULTS + " publish");
        });
        // causal, not only shared: the attempt hangs off the job's receipt, the agent's run off the attempt, and
        // the step's first span off the producer's own
        List<ReceivedSpan> spans = stack.traces.trace(traceId);
        assertThat(parentOf(spans, "attempt").name()).isEqualTo(Topics.jobsFor("dummy") + " receive");
        assertThat(parentOf(spans, "sandbox run").name()).isEqualTo("attempt");
        // the step's own check runs as its attempt completes, in its trace; qa-service's job for it (where one is
        // sent at all: its answer is usually there first) finds it answered
        assertThat(parentOf(spans, "qa check").service()).isEqualTo("sandbox-worker");
        assertThat(spans).filteredOn(s -> s.name().equals(Topics.STEP_REQUESTS + " receive"))
                .extracting(ReceivedSpan::parentSpanId).containsOnly(producerSpan);
        // another step, sent without a traceparent, gets a trace of its own
        assertThat(stack.traces.all()).filteredOn(span -> !span.traceId().equals(traceId))
                .noneMatch(span -> stepId.equals(span.attributes().get("dg.step.id")));
    }

    /** The span named {@code name} in the trace, and then the span it was started under. */
    private static ReceivedSpan parentOf(List<ReceivedSpan> spans, String name) {
        ReceivedSpan child = spans.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
        return spans.stream().filter(s -> s.spanId().equals(child.parentSpanId())).findFirst()
                .orElseThrow(() -> new AssertionError("no parent of " + name + " in the trace"));
    }

    private static String describe(List<ReceivedSpan> spans) {
        List<ReceivedSpan> all = stack.traces.all();
        return "(" + all.size() + " spans received in all, from " + all.stream().map(ReceivedSpan::service)
                .distinct().sorted().toList() + ", e.g. " + all.stream().limit(12).map(s -> s.service() + ":"
                        + s.name() + "@" + s.traceId()).toList() + ") " + spans.stream().map(s -> s.service() + ":" + s.name()).sorted().collect(Collectors.joining(", "));
    }

    static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
