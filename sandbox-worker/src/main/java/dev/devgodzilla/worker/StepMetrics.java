package dev.devgodzilla.worker;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** The worker's meters: running attempts, and per agent and outcome the duration and count of steps. */
@ApplicationScoped
public class StepMetrics {
    private final MeterRegistry registry;

    public StepMetrics(MeterRegistry registry, RunningAttempts running) {
        this.registry = registry;
        Gauge.builder("dg.worker.jobs.running", running, RunningAttempts::count)
                .description("Attempts this worker is running")
                .register(registry);
    }

    /** Records one finished attempt; {@code outcome} is a small fixed set, e.g. completed or timed_out. */
    public void finished(String agentId, String outcome, Duration duration) {
        Timer.builder("dg.step.duration")
                .description("Wall-clock time of step attempts on this worker")
                .tag("agent", agentId).tag("outcome", outcome)
                .register(registry)
                .record(duration);
        Counter.builder("dg.step.outcome")
                .description("Step attempts finished on this worker")
                .tag("agent", agentId).tag("outcome", outcome)
                .register(registry)
                .increment();
    }
}
