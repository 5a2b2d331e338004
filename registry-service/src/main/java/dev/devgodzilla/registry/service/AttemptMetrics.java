package dev.devgodzilla.registry.service;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import dev.devgodzilla.contracts.agents.AgentCatalog;
import dev.devgodzilla.contracts.messages.StepBlocked;
import dev.devgodzilla.contracts.messages.StepCompleted;
import dev.devgodzilla.contracts.messages.StepEvent;
import dev.devgodzilla.contracts.messages.StepFailed;
import dev.devgodzilla.contracts.messages.TokenUsage;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Per agent, what its attempts did: recorded from the terminal step events (once per event id, so a record
 * read twice counts once) and summed up for {@code GET /agents/metrics}.
 */
@ApplicationScoped
public class AttemptMetrics {
    private static final String INSERT = "insert into agent_attempts (event_id, agent_id, step_id, attempt, outcome,"
            + " duration_ms, input_tokens, output_tokens, cost_usd, occurred_at)"
            + " values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) on conflict (event_id) do nothing";
    private static final String SUMMARY = "select agent_id, count(distinct step_id), count(*),"
            + " count(*) filter (where outcome = 'completed'),"
            + " percentile_cont(0.5) within group (order by duration_ms),"
            + " percentile_cont(0.95) within group (order by duration_ms),"
            + " coalesce(sum(input_tokens), 0), coalesce(sum(output_tokens), 0), sum(cost_usd)"
            + " from agent_attempts group by agent_id order by agent_id";

    private final Mutiny.SessionFactory sessions;

    public AttemptMetrics(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    /** Records {@code event} when it ends an attempt; other events are not counted. */
    public Uni<Void> record(StepEvent event) {
        Ended ended = switch (event) {
            case StepCompleted c -> new Ended("completed", c.durationMs(), c.usage());
            case StepBlocked b -> new Ended("blocked", b.durationMs(), b.usage());
            case StepFailed f -> new Ended(f.code() == null ? "failed" : f.code().name().toLowerCase(Locale.ROOT),
                    f.durationMs(), null);
            default -> null;
        };
        // only catalogue agents (a message naming any string must not grow the metrics), and only attempts
        // that were dispatched (a step refused before dispatch ends at attempt 0)
        if (ended == null || event.eventId() == null || event.attempt() < 1
                || !AgentCatalog.contains(event.agentId())) {
            return Uni.createFrom().voidItem();
        }
        TokenUsage usage = ended.usage();
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery(INSERT)
                .setParameter(1, event.eventId())
                .setParameter(2, event.agentId())
                .setParameter(3, event.stepId())
                .setParameter(4, event.attempt())
                .setParameter(5, ended.outcome())
                .setParameter(6, ended.durationMs())
                .setParameter(7, usage == null ? null : usage.inputTokens())
                .setParameter(8, usage == null ? null : usage.outputTokens())
                .setParameter(9, usage == null ? null : usage.costUsd())
                .setParameter(10, event.occurredAt() != null ? event.occurredAt() : Instant.now())
                .executeUpdate())).replaceWithVoid();
    }

    /** One row per agent that ended an attempt. */
    public Uni<List<AgentMetrics>> summary() {
        return Panache.withSession(() -> Panache.getSession().chain(session ->
                session.createNativeQuery(SUMMARY, Object[].class).getResultList()))
                .map(rows -> rows.stream().map(AttemptMetrics::metricsOf).toList());
    }

    private static AgentMetrics metricsOf(Object[] row) {
        long attempts = ((Number) row[2]).longValue();
        long completed = ((Number) row[3]).longValue();
        return new AgentMetrics((String) row[0], ((Number) row[1]).longValue(), attempts, completed,
                attempts == 0 ? 0 : (double) completed / attempts, number(row[4]), number(row[5]),
                ((Number) row[6]).longValue(), ((Number) row[7]).longValue(), row[8] == null ? null
                : ((Number) row[8]).doubleValue());
    }

    private static Double number(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }

    private record Ended(String outcome, long durationMs, TokenUsage usage) {
    }

    /**
     * @param steps       steps with at least one ended attempt
     * @param successRate completed attempts over ended attempts
     */
    public record AgentMetrics(String agentId, long steps, long attempts, long completed, double successRate,
                               Double p50DurationMs, Double p95DurationMs, long inputTokens, long outputTokens,
                               Double costUsd) {
    }
}
