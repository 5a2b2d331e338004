package dev.devgodzilla.worker.attempt;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import dev.devgodzilla.contracts.messages.TokenUsage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** The worker's attempt meters: per agent and outcome the duration and count of attempts, and token usage. */
@ApplicationScoped
public class AttemptMeters {
    private final MeterRegistry registry;

    public AttemptMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Counts the tokens and cost an agent reported; tagged by agent and kind only, never by step. */
    public void usage(String agentId, TokenUsage usage) {
        if (usage == null) {
            return;
        }
        tokens(agentId, "input", usage.inputTokens());
        tokens(agentId, "output", usage.outputTokens());
        tokens(agentId, "cached", usage.cachedInputTokens());
        if (usage.costUsd() != null && usage.costUsd() > 0) {
            Counter.builder("dg.agent.cost.usd")
                    .description("Cost agents reported, in US dollars")
                    .tag("agent", agentId)
                    .register(registry)
                    .increment(usage.costUsd());
        }
    }

    private void tokens(String agentId, String kind, long count) {
        if (count <= 0) {
            return;
        }
        Counter.builder("dg.agent.tokens")
                .description("Tokens agents reported")
                .tag("agent", agentId).tag("kind", kind)
                .register(registry)
                .increment(count);
    }

    /** Records one finished attempt; {@code outcome} is a small fixed set, e.g. completed or timed_out. */
    public void finished(String agentId, String outcome, Duration duration) {
        Timer.builder("dg.attempt.duration")
                .description("Wall-clock time of attempts on this worker (dg.step.* in execution-service is per step)")
                .tag("agent", agentId).tag("outcome", outcome)
                .register(registry)
                .record(duration);
        Counter.builder("dg.attempt.outcome")
                .description("Attempts finished on this worker")
                .tag("agent", agentId).tag("outcome", outcome)
                .register(registry)
                .increment();
    }
}
