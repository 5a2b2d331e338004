package dev.devgodzilla.execution.service;

import dev.devgodzilla.contracts.messages.FailureCode;
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
        outcome(step.agentId, step.createdAt, step.failureCode, outcome);
    }

    /** {@link #outcome(Step, String)} of a step read as its columns: its agent, creation and failure code. */
    public void outcome(String agentId, Instant createdAt, FailureCode failure, String outcome) {
        String code = failure == null ? "none" : failure.name().toLowerCase(Locale.ROOT);
        registry.counter("dg.step.outcome", "agent", agentId, "outcome", outcome, "code", code).increment();
        if (createdAt != null) {
            registry.timer("dg.step.duration", "agent", agentId, "outcome", outcome)
                    .record(Duration.between(createdAt, Instant.now()));
        }
    }

    /** A step's first attempt started on a worker: how long its request waited for that. */
    public void firstStarted(String agentId, Instant createdAt) {
        if (createdAt != null) {
            registry.timer("dg.step.start.wait", "agent", agentId).record(Duration.between(createdAt, Instant.now()));
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
