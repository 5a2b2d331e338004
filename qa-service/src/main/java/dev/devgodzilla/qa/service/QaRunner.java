package dev.devgodzilla.qa.service;

import dev.devgodzilla.contracts.messages.Ids;
import dev.devgodzilla.contracts.messages.QaGateResult;
import dev.devgodzilla.contracts.messages.QaResult;
import dev.devgodzilla.contracts.messages.QaVerdict;
import dev.devgodzilla.contracts.messages.StepCompleted;
import dev.devgodzilla.qa.gate.ArtifactsGate;
import dev.devgodzilla.qa.gate.CheckCommandGate;
import dev.devgodzilla.qa.gate.QaGate;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Runs every gate on a completed step and turns their results into a {@link QaResult}. Blocking. */
@ApplicationScoped
public class QaRunner {
    private final List<QaGate> gates;
    private final MeterRegistry meters;
    private final Timer duration;

    public QaRunner(CheckCommandGate checkCommand, ArtifactsGate artifacts, MeterRegistry meters) {
        // Cheap checks first would not save anything (all gates always run), so the order is the report's.
        this.gates = List.of(checkCommand, artifacts);
        this.meters = meters;
        this.duration = Timer.builder("dg.qa.duration").description("Time to run all QA gates of a step")
                .register(meters);
    }

    public QaResult run(StepCompleted step) {
        long start = System.nanoTime();
        List<QaGateResult> results = new ArrayList<>();
        for (QaGate gate : gates) {
            results.add(runSafely(gate, step));
        }
        QaVerdict verdict = Verdicts.combine(results);
        duration.record(Duration.ofNanos(System.nanoTime() - start));
        Counter.builder("dg.qa.results").tag("verdict", verdict.name()).register(meters).increment();
        String summary = "QA " + verdict + " for step " + step.stepId() + " attempt " + step.attempt() + ": "
                + results.stream().map(r -> r.gate() + " " + r.verdict()).collect(Collectors.joining(", "));
        Log.info(summary);
        return new QaResult(QaResult.SCHEMA_VERSION, Ids.newEventId(), Instant.now(), step.stepId(),
                step.attempt(), step.agentId(), verdict, results, summary);
    }

    private static QaGateResult runSafely(QaGate gate, StepCompleted step) {
        try {
            return gate.run(step);
        } catch (RuntimeException e) {
            // A bug in one gate must not lose the result of the others.
            Log.errorf(e, "gate %s failed on step %s", gate.name(), step.stepId());
            return new QaGateResult(gate.name(), QaVerdict.ERROR, null, 0, "gate error: " + e);
        }
    }
}
