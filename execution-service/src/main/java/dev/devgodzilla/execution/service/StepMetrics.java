package dev.devgodzilla.execution.service;

import dev.devgodzilla.execution.domain.Step;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;

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

    /** A step reached an outcome (completed, failed, timed_out, ...). */
    public void outcome(Step step, String outcome) {
        registry.counter("dg.step.outcome", "agent", step.agentId, "outcome", outcome).increment();
        if (step.createdAt != null) {
            registry.timer("dg.step.duration", "agent", step.agentId, "outcome", outcome)
                    .record(Duration.between(step.createdAt, Instant.now()));
        }
    }

    /** An attempt went out to a worker. */
    public void dispatched(Step step) {
        registry.counter("dg.step.dispatches", "agent", step.agentId).increment();
    }
}
