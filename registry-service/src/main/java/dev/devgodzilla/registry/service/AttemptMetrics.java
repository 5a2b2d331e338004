package dev.devgodzilla.registry.service;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import dev.devgodzilla.contracts.agents.AgentCatalog;
import dev.devgodzilla.contracts.messages.StepBlocked;
import dev.devgodzilla.contracts.messages.StepCompleted;
import dev.devgodzilla.contracts.messages.StepEvent;
import dev.devgodzilla.contracts.messages.StepFailed;
import dev.devgodzilla.contracts.messages.TokenUsage;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Per agent, what its attempts did: recorded from the terminal step events (once per event id, so a record
 * read twice counts once) and summed up for {@code GET /agents/metrics}.
 */
@ApplicationScoped
public class AttemptMetrics {
    private static final String INSERT = "insert into agent_attempts (event_id, agent_id, step_id, attempt, outcome,"
            + " duration_ms, input_tokens, output_tokens, cost_usd, occurred_at)"
            + " values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) on conflict (event_id) do nothing";
    private static final String SUMMARY = "select agent_id, count(distinct step_id), count(*),"
            + " count(*) filter (where outcome = 'completed'),"
            + " percentile_cont(0.5) within group (order by duration_ms),"
            + " percentile_cont(0.95) within group (order by duration_ms),"
            + " coalesce(sum(input_tokens), 0), coalesce(sum(output_tokens), 0), sum(cost_usd)"
            + " from agent_attempts group by agent_id order by agent_id";

    private final Pool db;

    public AttemptMetrics(Pool db) {
        this.db = db;
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
        Instant occurredAt = event.occurredAt() != null ? event.occurredAt() : Instant.now();
        return db.preparedQuery(INSERT).execute(Tuple.from(new Object[] {event.eventId(), event.agentId(),
                event.stepId(), event.attempt(), ended.outcome(), ended.durationMs(),
                usage == null ? null : usage.inputTokens(), usage == null ? null : usage.outputTokens(),
                usage == null ? null : usage.costUsd(), occurredAt.atOffset(ZoneOffset.UTC)})).replaceWithVoid();
    }

    /** One row per agent that ended an attempt. */
    public Uni<List<AgentMetrics>> summary() {
        return db.query(SUMMARY).execute().map(rows -> {
            List<AgentMetrics> all = new ArrayList<>();
            rows.forEach(row -> all.add(metricsOf(row)));
            return all;
        });
    }

    private static AgentMetrics metricsOf(Row row) {
        long attempts = row.getLong(2);
        long completed = row.getLong(3);
        return new AgentMetrics(row.getString(0), row.getLong(1), attempts, completed,
                attempts == 0 ? 0 : (double) completed / attempts, row.getDouble(4), row.getDouble(5),
                row.getLong(6), row.getLong(7), row.getDouble(8));
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
