package dev.devgodzilla.execution.repository;

import static dev.devgodzilla.support.sql.SqlRows.instant;
import static dev.devgodzilla.support.sql.SqlRows.utc;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.devgodzilla.contracts.messages.FailureCode;
import dev.devgodzilla.contracts.messages.QaVerdict;
import dev.devgodzilla.contracts.messages.StepState;
import dev.devgodzilla.execution.domain.Spent;
import dev.devgodzilla.execution.domain.Step;
import dev.devgodzilla.execution.repository.UnitOfWork.Table;
import dev.devgodzilla.support.sql.SqlRows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Steps in PostgreSQL. Transitions load the row with {@link #lock} so the sweeper and consumers take turns; a step
 * loaded in a {@link UnitOfWork} is written back, what changed of it, when the unit commits.
 */
@ApplicationScoped
public class StepRepository {
    private static final List<String> COLUMNS = List.of("step_id", "request", "request_hash", "agent_id", "model",
            "state", "attempt", "max_attempts", "availability_checks", "lease_expires_at", "next_attempt_at",
            "failure_code", "reason", "qa_verdict", "claimed_by", "waiting_on", "held_qa_result", "project_id",
            "resume_session_id", "prompt", "usage", "spent_tokens", "spent_cost_usd", "spent_ms", "created_at",
            "updated_at");
    static final Table<Step> STEPS = new Table<>("steps", COLUMNS, StepRepository::columns, true);
    private static final String SELECT = "select " + String.join(", ", COLUMNS) + ", version from steps";
    private static final String[] ON_WORKER = Step.ON_WORKER.stream().map(StepState::name).toArray(String[]::new);
    /** The ends of a step that fail the steps depending on it. */
    private static final String[] UNPASSED_ENDS = {StepState.FAILED.name(), StepState.QA_FAILED.name(),
            StepState.TIMED_OUT.name(), StepState.CANCELLED.name()};
    private static final String DECIDABLE_WAITING = """
            select s.step_id from steps s
            where s.state = $1 and (
                exists (select 1 from step_dependencies d join steps o on o.step_id = d.depends_on
                        where d.step_id = s.step_id and o.state = any($2))
                or not exists (select 1 from step_dependencies d left join steps o on o.step_id = d.depends_on
                        where d.step_id = s.step_id and (o.state is null or o.state <> $3))
                or (s.created_at < $4 and exists (select 1 from step_dependencies d where d.step_id = s.step_id
                        and not exists (select 1 from steps o where o.step_id = d.depends_on))))
            order by s.updated_at limit $5
            """;


    private final Pool pool;

    public StepRepository(Pool pool) {
        this.pool = pool;
    }

    /** The step with its row locked until the transaction ends ({@code select ... for update}). */
    public Uni<Step> lock(String stepId) {
        return one(SELECT + " where step_id = $1 for update", stepId);
    }

    /** The step as it is now, not locked; null for an unknown one. */
    public Uni<Step> findById(String stepId) {
        return one(SELECT + " where step_id = $1", stepId);
    }

    /** A new step, inserted when its unit of work writes back: with the state its first transaction gave it. */
    public Uni<Step> persist(Step step) {
        return UnitOfWork.add(pool, STEPS, step);
    }

    public Uni<List<String>> expiredLeases(Instant now, int limit) {
        return ids("select step_id from steps where state = any($1) and lease_expires_at < $2"
                + " order by lease_expires_at limit $3", Tuple.of(ON_WORKER, utc(now), limit));
    }

    /**
     * The steps waiting for their dependencies that may be decided now, the longest waiting first: one a step it
     * depends on ended without passing QA, one whose dependencies all passed, and one a dependency of which has not
     * arrived though it was received before {@code arrivalCutoff}. The rest wait for a dependency still under way,
     * and are not looked at, however many there are; {@code StepDependencies} decides the ones found.
     */
    public Uni<List<String>> decidableWaiting(Instant arrivalCutoff, int limit) {
        return ids(DECIDABLE_WAITING, Tuple.of(StepState.WAITING.name(), UNPASSED_ENDS, StepState.QA_PASSED.name(),
                utc(arrivalCutoff), limit));
    }

    public Uni<List<String>> dueRetries(Instant now, int limit) {
        return ids("select step_id from steps where state = $1 and next_attempt_at <= $2 order by next_attempt_at"
                + " limit $3", Tuple.of(StepState.RECEIVED.name(), utc(now), limit));
    }

    /** The states of the known steps among {@code stepIds}. */
    public Uni<Map<String, StepState>> statesOf(Collection<String> stepIds) {
        if (stepIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return client().preparedQuery("select step_id, state from steps where step_id = any($1)")
                .execute(Tuple.of(stepIds.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, StepState> states = new HashMap<>();
                    rows.forEach(row -> states.put(row.getString("step_id"),
                            StepState.valueOf(row.getString("state"))));
                    return states;
                });
    }

    /**
     * Renews the lease of an attempt a worker reports it holds. From then on the lease follows that worker's
     * heartbeats, even where this shortens the longer wait a dispatched job is given in the queue: a worker
     * that took the job and died is then noticed in a lease's time, not a dispatch timeout's.
     */
    public Uni<Integer> extendLease(String stepId, int attempt, Instant until) {
        return update("update steps set lease_expires_at = $1, updated_at = $2, version = version + 1"
                        + " where step_id = $3 and attempt = $4 and state = any($5)",
                Tuple.of(utc(until), utc(Instant.now()), stepId, attempt, ON_WORKER));
    }

    /**
     * Notes that {@code workerId} holds the IDE hand-off of a pending attempt, until {@code until}: a pending
     * step never expires, the lease only says where a completion posted through the API goes.
     */
    public Uni<Integer> holdPending(String stepId, int attempt, Instant until, String workerId) {
        return update("update steps set lease_expires_at = $1, claimed_by = $2, version = version + 1"
                        + " where step_id = $3 and attempt = $4 and state = $5",
                Tuple.of(utc(until), workerId, stepId, attempt, StepState.PENDING.name()));
    }

    /**
     * Renews the lease of a dispatched attempt whose job waits for a slot on {@code workerId}, and notes
     * where: while that worker is heard the job is not sent elsewhere, and once it is not, the lease runs out
     * in a lease's time.
     */
    public Uni<Integer> holdWaiting(String stepId, int attempt, Instant until, String workerId) {
        return update("update steps set lease_expires_at = $1, waiting_on = $2, updated_at = $3, version = version + 1"
                        + " where step_id = $4 and attempt = $5 and state = $6 and claimed_by is null",
                Tuple.from(new Object[] {utc(until), workerId, utc(Instant.now()), stepId, attempt,
                        StepState.DISPATCHED.name()}));
    }

    /**
     * What the steps of {@code projectId} spent on {@code agentId} together, not counting {@code exceptStepId}
     * (whose own spending the caller holds).
     */
    public Uni<Spent> projectSpend(String projectId, String agentId, String exceptStepId) {
        return client().preparedQuery("select cast(coalesce(sum(spent_tokens), 0) as bigint) as tokens,"
                        + " coalesce(sum(spent_cost_usd), 0.0) as cost,"
                        + " cast(coalesce(sum(spent_ms), 0) as bigint) as millis"
                        + " from steps where project_id = $1 and agent_id = $2 and step_id <> $3")
                .execute(Tuple.of(projectId, agentId, exceptStepId))
                .map(rows -> SqlRows.first(rows, row -> new Spent(row.getLong("tokens"), row.getDouble("cost"),
                        row.getLong("millis"))));
    }

    /** The newest steps, of {@code state} only unless it is null, at most {@code limit}. */
    public Uni<List<Step>> list(StepState state, int limit) {
        return client().preparedQuery(state == null ? SELECT + " order by created_at desc limit $1"
                        : SELECT + " where state = $2 order by created_at desc limit $1")
                .execute(state == null ? Tuple.of(limit) : Tuple.of(limit, state.name()))
                .map(rows -> SqlRows.all(rows, StepRepository::step));
    }

    private Uni<Step> one(String query, String stepId) {
        return client().preparedQuery(query).execute(Tuple.of(stepId))
                .map(rows -> SqlRows.first(rows, row -> UnitOfWork.track(STEPS, step(row), row.getLong("version"))));
    }

    private Uni<List<String>> ids(String query, Tuple args) {
        return client().preparedQuery(query).execute(args)
                .map(rows -> SqlRows.all(rows, row -> row.getString("step_id")));
    }

    private Uni<Integer> update(String statement, Tuple args) {
        return client().preparedQuery(statement).execute(args).map(rows -> rows.rowCount());
    }

    private io.vertx.mutiny.sqlclient.SqlClient client() {
        return UnitOfWork.client(pool);
    }

    private static Object[] columns(Step s) {
        return new Object[] {s.stepId, s.request, s.requestHash, s.agentId, s.model, name(s.state), s.attempt,
                s.maxAttempts, s.availabilityChecks, utc(s.leaseExpiresAt), utc(s.nextAttemptAt), name(s.failureCode),
                s.reason, name(s.qaVerdict), s.claimedBy, s.waitingOn, s.heldQaResult, s.projectId,
                s.resumeSessionId, s.prompt, s.usage, s.spentTokens, s.spentCostUsd, s.spentMs, utc(s.createdAt),
                utc(s.updatedAt)};
    }

    private static Step step(Row row) {
        Step s = new Step();
        s.stepId = row.getString("step_id");
        s.request = row.getString("request");
        s.requestHash = row.getString("request_hash");
        s.agentId = row.getString("agent_id");
        s.model = row.getString("model");
        s.state = StepState.valueOf(row.getString("state"));
        s.attempt = row.getInteger("attempt");
        s.maxAttempts = row.getInteger("max_attempts");
        s.availabilityChecks = row.getInteger("availability_checks");
        s.leaseExpiresAt = instant(row, "lease_expires_at");
        s.nextAttemptAt = instant(row, "next_attempt_at");
        String failure = row.getString("failure_code");
        s.failureCode = failure == null ? null : FailureCode.valueOf(failure);
        s.reason = row.getString("reason");
        String verdict = row.getString("qa_verdict");
        s.qaVerdict = verdict == null ? null : QaVerdict.valueOf(verdict);
        s.claimedBy = row.getString("claimed_by");
        s.waitingOn = row.getString("waiting_on");
        s.heldQaResult = row.getString("held_qa_result");
        s.projectId = row.getString("project_id");
        s.resumeSessionId = row.getString("resume_session_id");
        s.prompt = row.getString("prompt");
        s.usage = row.getString("usage");
        s.spentTokens = row.getLong("spent_tokens");
        s.spentCostUsd = row.getDouble("spent_cost_usd");
        s.spentMs = row.getLong("spent_ms");
        s.createdAt = instant(row, "created_at");
        s.updatedAt = instant(row, "updated_at");
        s.version = row.getLong("version");
        return s;
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
