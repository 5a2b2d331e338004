package dev.devgodzilla.execution.service;

import java.time.Instant;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import dev.devgodzilla.contracts.Json;
import dev.devgodzilla.contracts.messages.Ids;
import dev.devgodzilla.contracts.messages.QaResult;
import dev.devgodzilla.contracts.messages.QaVerdict;
import dev.devgodzilla.contracts.messages.StepStarted;
import dev.devgodzilla.contracts.messages.StepState;
import dev.devgodzilla.execution.config.ExecutionConfig;
import dev.devgodzilla.execution.domain.Step;
import dev.devgodzilla.execution.repository.StepEventRows;
import dev.devgodzilla.execution.repository.StepEventRows.LockedStep;
import dev.devgodzilla.execution.repository.StepEventRows.Note;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * The two events of every step that move only a few of its columns, its start and its QA result, applied in a
 * short transaction of the reactive SQL client ({@link StepEventRows}) instead of a Hibernate session: the same
 * rules as {@link StepLifecycle}'s (the same row lock first, one timeline entry per event id, fenced by attempt and
 * state), at a fraction of the cost per record. Neither writes an outbox row, so neither wakes the relay.
 */
@ApplicationScoped
public class StartAndQaEvents {
    private final Pool pool;
    private final StepEventRows rows;
    private final ExecutionConfig config;
    private final StepMetrics metrics;

    public StartAndQaEvents(Pool pool, StepEventRows rows, ExecutionConfig config, StepMetrics metrics) {
        this.pool = pool;
        this.rows = rows;
        this.config = config;
        this.metrics = metrics;
    }

    /** Records the start once, and runs the step when it is its current attempt's. */
    public Uni<Void> onStarted(StepStarted started) {
        String eventId = started.eventId() != null ? started.eventId() : Ids.newEventId();
        return pool.withTransaction(tx -> rows.lock(tx, started.stepId()).chain(step -> {
            if (step == null) {
                Log.debugf("step %s: event %s for an unknown step, skipped", started.stepId(), eventId);
                return Uni.createFrom().voidItem();
            }
            String fenced = StepLifecycle.fence(step.state(), step.attempt(), started.attempt());
            String summary = StepLifecycle.summarize(started) + (fenced == null ? "" : " (ignored: " + fenced + ")");
            Note note = new Note(step.stepId(), started.attempt(), started.type().wireName(), eventId, summary,
                    Json.write(started), started.occurredAt(), fenced != null);
            return rows.note(tx, note).chain(recorded -> {
                if (!recorded || fenced != null) {
                    if (recorded) {
                        Log.infof("step %s: started event of attempt %d ignored: %s", step.stepId(),
                                started.attempt(), fenced);
                    }
                    return Uni.createFrom().voidItem();
                }
                if (started.attempt() == 1) {
                    metrics.firstStarted(step.agentId(), step.createdAt());
                }
                Instant now = Instant.now();
                return rows.running(tx, step.stepId(), now.plus(config.leaseTtl()), now);
            });
        }));
    }

    /**
     * QA of the current attempt of a completed step decides between QA_PASSED and QA_FAILED; a result that
     * overtook the completion it checks is held on the step until the completion is recorded.
     */
    public Uni<Void> onQaResult(QaResult result) {
        String eventId = result.eventId() != null ? result.eventId() : Ids.newEventId();
        return pool.withTransaction(tx -> rows.lock(tx, result.stepId()).chain(step -> {
            if (step == null) {
                Log.debugf("step %s: QA result for an unknown step, skipped", result.stepId());
                return Uni.createFrom().voidItem();
            }
            String payload = Json.write(result);
            if (result.attempt() == step.attempt() && Step.onWorker(step.state())) {
                // qa-results overtook step-events: keep it until the completion is recorded
                Note held = new Note(step.stepId(), result.attempt(), "qa-held", eventId, "QA " + result.verdict()
                        + " arrived before the completion of attempt " + result.attempt()
                        + "; held until it is recorded", payload, result.occurredAt(), false);
                return rows.note(tx, held).chain(recorded -> recorded ? rows.holdQa(tx, step.stepId(), payload)
                        : Uni.createFrom().voidItem());
            }
            String fenced = result.attempt() != step.attempt()
                    ? "stale attempt " + result.attempt() + ", current attempt is " + step.attempt()
                    : step.state() != StepState.COMPLETED ? "step is " + step.state() : null;
            Note note = new Note(step.stepId(), result.attempt(), "qa", eventId, summary(result, fenced), payload,
                    result.occurredAt(), fenced != null);
            return rows.note(tx, note).chain(recorded -> recorded && fenced == null ? decided(tx, step, result)
                    : Uni.createFrom().voidItem());
        }));
    }

    private Uni<Void> decided(SqlConnection tx, LockedStep step, QaResult result) {
        StepState state = stateAfter(result.verdict());
        metrics.outcome(step.agentId(), step.createdAt(), null, state.name().toLowerCase(Locale.ROOT));
        return rows.qaDecided(tx, step.stepId(), state, result.verdict(), Instant.now());
    }

    /** Where a completed step goes on its QA verdict: a skipped QA passes it. */
    static StepState stateAfter(QaVerdict verdict) {
        return verdict == QaVerdict.PASSED || verdict == QaVerdict.SKIPPED ? StepState.QA_PASSED : StepState.QA_FAILED;
    }

    /** The timeline's line for a QA result; {@code fenced} says why it was ignored, null when it applied. */
    static String summary(QaResult result, String fenced) {
        return "QA " + result.verdict() + (result.summary() == null ? "" : ": " + result.summary())
                + (fenced == null ? "" : " (ignored: " + fenced + ")");
    }
}
