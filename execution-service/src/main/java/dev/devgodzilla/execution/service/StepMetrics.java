package dev.devgodzilla.execution.service;

import dev.devgodzilla.execution.domain.Step;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** Step meters. Tags stay low in cardinality: agent and outcome, never a step id. */
@ApplicationScoped
public class StepMetrics {
    private final MeterRegistry registry;

    public StepMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A request arrived: accepted, duplicate, conflict or invalid. */
    public void request(String outcome) {
        registry.counter("dg.step.requests", "outcome", outcome).increment();
    }

    /**
     * A step reached an outcome (completed, failed, timed_out, ...), with the failure code that ended it
     * ({@code none} for a step that did not fail).
     */
    public void outcome(Step step, String outcome) {
        String code = step.failureCode == null ? "none" : step.failureCode.name().toLowerCase(Locale.ROOT);
        registry.counter("dg.step.outcome", "agent", step.agentId, "outcome", outcome, "code", code).increment();
        if (step.createdAt != null) {
            registry.timer("dg.step.duration", "agent", step.agentId, "outcome", outcome)
                    .record(Duration.between(step.createdAt, Instant.now()));
        }
    }

    /** A step's first attempt started on a worker: how long its request waited for that. */
    public void firstStarted(Step step) {
        if (step.createdAt != null) {
            registry.timer("dg.step.start.wait", "agent", step.agentId)
                    .record(Duration.between(step.createdAt, Instant.now()));
        }
    }

    /** The lease of a step's attempt ran out: its worker was lost (or could not reach the bus). */
    public void leaseExpired(Step step) {
        registry.counter("dg.step.lease.expired", "agent", step.agentId).increment();
    }

    /** An attempt went out to a worker. */
    public void dispatched(Step step) {
        registry.counter("dg.step.dispatches", "agent", step.agentId).increment();
    }
}
