package dev.devgodzilla.execution.repository;

import static dev.devgodzilla.support.sql.SqlRows.instant;
import static dev.devgodzilla.support.sql.SqlRows.utc;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import dev.devgodzilla.contracts.messages.QaVerdict;
import dev.devgodzilla.contracts.messages.StepState;
import dev.devgodzilla.execution.domain.Spent;
import dev.devgodzilla.support.sql.SqlRows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The statements of the events every step has on its way, which change a few columns of its row: its start, its
 * completion and its QA result, in the caller's {@link UnitOfWork}. Each is on every step's path, so each skips what
 * a unit would do with a loaded row (load all of it, look the event id up, write back what changed): the same row
 * lock comes first reading only what the event is checked against, the timeline's unique event id tells a
 * redelivery in the insert itself ({@link TimelineRepository#recordOnce}), and the update writes only the columns
 * the event moves, bumping the row's version as a written-back row does, so that a unit holding an older copy fails
 * its check instead of overwriting these.
 */
@ApplicationScoped
public class StepEventRows {
    /** What an event is checked against, read under the step's row lock. */
    public record LockedStep(String stepId, StepState state, int attempt, String agentId, Instant createdAt,
                             String heldQaResult) {
    }

    /** The columns a recorded completion moves; {@code state} is COMPLETED, or QA's decision when one was held. */
    public record Completion(StepState state, String usage, QaVerdict qaVerdict) {
    }

    private static final String LOCK = "select step_id, state, attempt, agent_id, created_at, held_qa_result from steps"
            + " where step_id = $1 for update";
    private static final String RUNNING = "update steps set state = 'RUNNING', lease_expires_at = $2, updated_at = $3,"
            + " version = version + 1 where step_id = $1";
    private static final String HOLD_QA = "update steps set held_qa_result = $2, version = version + 1"
            + " where step_id = $1";
    private static final String SPEND = "update steps set spent_tokens = spent_tokens + $2,"
            + " spent_cost_usd = spent_cost_usd + $3, spent_ms = spent_ms + $4, version = version + 1"
            + " where step_id = $1";
    private static final String COMPLETED = """
            update steps set state = $2, usage = $3, qa_verdict = coalesce($4, qa_verdict), held_qa_result = null,
                failure_code = null, reason = null, lease_expires_at = null, next_attempt_at = null, updated_at = $5,
                version = version + 1
            where step_id = $1
            """;
    private static final String QA_DECIDED = "update steps set state = $2, qa_verdict = $3, updated_at = $4,"
            + " version = version + 1 where step_id = $1";

    private final Pool pool;

    public StepEventRows(Pool pool) {
        this.pool = pool;
    }

    /** The step with its row locked until the unit of work ends; null for an unknown step. */
    public Uni<LockedStep> lock(String stepId) {
        return tx().preparedQuery(LOCK).execute(Tuple.of(stepId))
                .map(rows -> SqlRows.first(rows, StepEventRows::locked));
    }

    /** The current attempt started: the step runs, under a lease until {@code leaseUntil}. */
    public Uni<Void> running(String stepId, Instant leaseUntil, Instant now) {
        return tx().preparedQuery(RUNNING).execute(Tuple.of(stepId, utc(leaseUntil), utc(now))).replaceWithVoid();
    }

    /** Adds what an attempt spent to the step's sums. */
    public Uni<Void> spend(String stepId, Spent spent) {
        return tx().preparedQuery(SPEND).execute(Tuple.of(stepId, spent.tokens(), spent.costUsd(), spent.millis()))
                .replaceWithVoid();
    }

    /** The current attempt completed; a QA result held for it is consumed (its verdict in {@code completion}). */
    public Uni<Void> completed(String stepId, Completion completion, Instant now) {
        return tx().preparedQuery(COMPLETED).execute(Tuple.of(stepId, completion.state().name(), completion.usage(),
                        completion.qaVerdict() == null ? null : completion.qaVerdict().name(), utc(now)))
                .replaceWithVoid();
    }

    /** A QA result that came before the completion it checks, kept until the completion is recorded. */
    public Uni<Void> holdQa(String stepId, String result) {
        return tx().preparedQuery(HOLD_QA).execute(Tuple.of(stepId, result)).replaceWithVoid();
    }

    /** QA decided the completed step: {@code state} is QA_PASSED or QA_FAILED. */
    public Uni<Void> qaDecided(String stepId, StepState state, QaVerdict verdict, Instant now) {
        return tx().preparedQuery(QA_DECIDED).execute(Tuple.of(stepId, state.name(), verdict.name(), utc(now)))
                .replaceWithVoid();
    }

    /** The current unit of work's connection: each of these statements belongs to the event's transaction. */
    private SqlClient tx() {
        return UnitOfWork.client(pool);
    }

    private static LockedStep locked(Row row) {
        return new LockedStep(row.getString("step_id"), StepState.valueOf(row.getString("state")),
                row.getInteger("attempt"), row.getString("agent_id"), instant(row, "created_at"),
                row.getString("held_qa_result"));
    }
}
